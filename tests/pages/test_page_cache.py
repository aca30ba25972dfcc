"""Visitors' pages from the cache: shared by anonymous visitors, each with their own CSRF
token, never for staff; a new version after every change that can show on a page."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from pages import page_cache
from pages.models import ClinicImage, LanguageContact, Practitioner, StandardPage
from tests.enquiries.intake.patient import valid_data
from tests.enquiries.real_services import require_real_services

from .helpers import committed, english, in_another_connection, translation_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def visit(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response


def served_from_cache(client, url) -> bool:
    return visit(client, url).get("X-Page-Cache") == "hit"


def test_the_second_visit_is_served_from_the_cache_without_a_query(
    client, django_assert_num_queries
):
    url = english().url
    first = visit(client, url)

    with django_assert_num_queries(0):
        second = visit(Client(HTTP_HOST="localhost"), url)

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())
    assert second["Content-Language"] == "en"


def test_a_hit_is_answered_before_the_rest_of_the_middleware_with_the_same_headers(
    client, monkeypatch
):
    url = english().url
    first = visit(client, url)
    # A hit must not reach URL resolution (nor sessions, locale, messages after it).
    monkeypatch.setattr("pages.serving.serve", lambda *args, **kwargs: 1 / 0)
    monkeypatch.setattr(
        "django.contrib.sessions.middleware.SessionMiddleware.process_request",
        lambda *args: 1 / 0,
    )

    second = visit(Client(HTTP_HOST="localhost"), url)

    assert second["X-Page-Cache"] == "hit"
    for header in ("Content-Type", "Content-Language", "Vary", "X-Frame-Options"):
        assert second[header] == first[header]
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert second.has_header(header)


def test_a_copy_rendered_under_an_older_version_is_not_served(client):
    url = english().url
    visit(client, url)
    version = cache.get(page_cache.VERSION_KEY)
    cache.set(page_cache.VERSION_KEY, version + 1, None)  # a purge, as another host sees it

    assert visit(Client(HTTP_HOST="localhost"), url)["X-Page-Cache"] == "miss"


def test_each_visitor_gets_their_own_csrf_token_and_their_enquiry_is_accepted():
    page = translation_of(english(), "ar")
    with translation.override("ar"):
        submit_url = reverse("enquiries:submit")
    tokens = []
    for name in ("Karim", "Leila"):
        visitor = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
        response = visit(visitor, page.url)
        token = TOKEN.search(response.content.decode()).group(1)
        assert "csrftoken" in response.cookies  # the cookie that goes with the token
        tokens.append(token)
        fields = valid_data(page, full_name=f"{name} Nasser", email=f"{name.lower()}@example.com")
        sent = visitor.post(submit_url, {"csrfmiddlewaretoken": token, **fields})
        assert sent.status_code == 302, sent.content[:300]
    assert tokens[0] != tokens[1]
    stored = next(value for key, value in cache._cache.items() if page.url.encode() in key.encode())
    assert tokens[0].encode() not in str(stored).encode()


def test_staff_and_query_strings_are_not_served_from_the_cache(client, editor_client):
    url = english().url
    visit(client, url)
    assert served_from_cache(client, url)

    assert visit(editor_client, url).get("X-Page-Cache") is None  # logged in: a session
    assert visit(client, url + "?page=2").get("X-Page-Cache") is None
    assert served_from_cache(client, url + "?utm_source=newsletter&utm_campaign=spring")


def publish_change(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with committed():
        page.save_revision().publish()


def test_publishing_the_page_renders_it_again(client):
    botox = english()
    visit(client, botox.url)

    publish_change(botox, title="Botox injections")

    response = visit(client, botox.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Botox injections" in response.content.decode()


def test_a_draft_does_not_purge(client):
    botox = english()
    visit(client, botox.url)

    botox.title = "Not yet"
    botox.save_revision()

    assert served_from_cache(client, botox.url)


def test_publishing_a_translation_renders_its_source_again(client):
    botox = english()
    visit(client, botox.url)

    publish_change(translation_of(botox, "de"), title="Botox-Behandlung")

    assert not served_from_cache(client, botox.url)


def test_publishing_a_page_that_lists_it_renders_it_again(client):
    botox = english()
    visit(client, botox.url)

    publish_change(botox.get_parent().specific, title="Injections")

    response = visit(client, botox.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Injections" in response.content.decode()  # the breadcrumbs


def test_unpublishing_moving_and_deleting_purge(client):
    about = english(model=StandardPage, slug="about")
    botox = english()
    visit(client, botox.url)

    with committed():
        about.unpublish()
    assert "About us" not in visit(client, botox.url).content.decode()  # the menu

    publish_change(about)
    visit(client, botox.url)
    with committed():
        about.move(botox.get_parent(), pos="last-child")
    assert not served_from_cache(client, botox.url)

    visit(client, botox.url)
    with committed():
        about.delete()
    assert not served_from_cache(client, botox.url)


def test_changing_a_snippet_or_an_image_it_shows_renders_it_again(client):
    botox = english()
    visit(client, botox.url)

    practitioner = Practitioner.objects.filter(locale=botox.locale).first()
    practitioner.name = "Dr Someone Else"
    with committed():
        practitioner.save()
    assert not served_from_cache(client, botox.url)

    contact = LanguageContact.objects.get(locale=Locale.objects.get(language_code="en"))
    with committed():
        contact.save()
    assert not served_from_cache(client, botox.url)

    shown = botox.gallery_items.get(caption="Forehead lines, two weeks after treatment")
    visit(client, botox.url)
    image = ClinicImage.objects.get(pk=shown.after_image_id)
    image.patient_consent = False  # consent revoked: the photo goes at once
    with committed():
        image.save()
    response = visit(client, botox.url)
    assert response["X-Page-Cache"] == "miss"
    assert 'class="gallery"' not in response.content.decode()


def test_restricting_a_page_to_some_visitors_stops_serving_its_public_copy(client):
    botox = english()
    visit(client, botox.url)

    with committed():
        restriction = PageViewRestriction.objects.create(
            page=botox, restriction_type=PageViewRestriction.PASSWORD, password="clinic-staff"
        )
    response = visit(client, botox.url)
    assert response.get("X-Page-Cache") != "hit"
    assert 'name="password"' in response.content.decode()  # Wagtail's password form

    with committed():
        restriction.delete()
    response = visit(client, botox.url)
    assert response.get("X-Page-Cache") != "hit"
    assert 'name="password"' not in response.content.decode()


def test_a_visit_while_a_publication_commits_does_not_keep_the_old_page(client):
    require_real_services()  # a second connection that does not see uncommitted changes
    botox = english()
    visit(client, botox.url)

    botox.title = "Botox injections"
    with committed():
        botox.save_revision().publish()
        # Another visitor's request meanwhile renders the page as it was.
        during = in_another_connection(lambda: Client(HTTP_HOST="localhost").get(botox.url))
        assert "Botox injections" not in during.content.decode()

    response = visit(client, botox.url)
    assert "Botox injections" in response.content.decode()
