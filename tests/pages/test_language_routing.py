"""/ sends each browser to its best language; every public URL carries a language prefix."""

import pytest

from pages.models import TreatmentIndexPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "/de/"),
        ("ar", "/ar/"),
        ("fa-IR", "/fa/"),
        ("pt-BR,es;q=0.9,nl;q=0.5", "/nl/"),
        ("ja,zh;q=0.8", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_best_accept_language_match(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_unprefixed_page_url_redirects_into_a_language(client):
    response = client.get("/treatments/botox/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert response["Location"] == "/en/treatments/botox/"


def test_slugs_are_translated_and_served_under_their_language(client):
    german = TreatmentIndexPage.objects.get(locale__language_code="de")

    assert german.slug != "treatments"
    assert german.url == f"/de/{german.slug}/"
    assert client.get(german.url).status_code == 200
