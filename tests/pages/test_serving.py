"""pages/serving.py and the page's own queries: few, the same in every language, and still
honouring Wagtail's view restrictions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from pages.models import HomePage, StandardPage, TreatmentIndexPage, TreatmentPage
from pages.urls import PageUrls

from ..conftest import SITE_LANGUAGES
from .helpers import committed, english, translation_of

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def count_queries(client, url):
    client.get(url)  # warm the caches that outlive a request (site root paths, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "model", [HomePage, TreatmentIndexPage, TreatmentPage, StandardPage], ids=lambda m: m.__name__
)
def test_each_page_type_takes_the_same_few_queries_in_every_language(client, model):
    source = model.objects.filter(locale__language_code="en").first()

    counts = {
        code: count_queries(client, translation_of(source, code).url) for code in SITE_LANGUAGES
    }

    # German treatment pages skip the gallery's query: the market hides it (markets.py).
    hidden = {"de"} if model is TreatmentPage else set()
    assert len({n for code, n in counts.items() if code not in hidden}) == 1, counts
    assert all(counts[code] == counts["en"] - 1 for code in hidden), counts
    assert max(counts.values()) <= MAX_QUERIES


def test_query_count_does_not_grow_with_the_number_of_translations(client):
    botox = english()
    with_all = count_queries(client, botox.url)
    Page.objects.filter(translation_key=botox.translation_key).exclude(pk=botox.pk).delete()

    assert count_queries(client, botox.url) == with_all


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_site_root_paths_are_read_once_then_kept(client, monkeypatch, language):
    url = translation_of(english(), language).url
    reads = []
    read = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", lambda: reads.append(url) or read())
    with committed():
        Site.objects.get().save()  # Wagtail forgets its copy, and each process its own

    for _view in range(2):
        assert client.get(url).status_code == 200

    # Routing, the page's own URL (breadcrumb), its links (hreflang, related treatments) and
    # its menus share one read; the next view keeps it. Each read is a round trip and an unpickling.
    assert len(reads) == 1


def test_a_site_given_a_new_address_is_linked_at_it_next(client):
    url = english().url
    client.get(url)
    site = Site.objects.get()
    site.hostname, site.port = "care.example.test", 443
    with committed():
        site.save()

    assert '<link rel="canonical" href="https://care.example.test/en/' in client.get(url).text


def test_row_urls_match_wagtails_page_urls():
    page_url = PageUrls()
    for page in Page.objects.filter(depth__gte=2).select_related("locale"):
        root_url, url = page_url(page.url_path, page.locale.language_code)
        assert (root_url + url) == page.get_full_url()


def test_private_page_still_asks_for_login(client):
    page = translation_of(english(), "de")
    restriction = PageViewRestriction.objects.create(
        page=page.get_parent(), restriction_type="login"
    )

    response = client.get(page.url)

    assert response.status_code == 302
    assert "login" in response["Location"]
    restriction.delete()
    assert client.get(page.url).status_code == 200


def test_practitioners_are_shown_in_the_pages_language(client):
    russian = translation_of(english(), "ru")

    body = client.get(russian.url).content.decode()

    names = [link.practitioner.name for link in russian.practitioners.all()]
    assert names and all(name in body for name in names)
    assert "Dr Arzu Demir" not in body
    assert all(
        link.practitioner.locale_id == russian.locale_id for link in russian.practitioners.all()
    )


def test_related_treatments_link_to_the_same_language(client):
    german = translation_of(english(), "de")
    fillers_de = translation_of(english(slug="dermal-fillers"), "de")

    body = client.get(german.url).content.decode()

    assert f'href="{fillers_de.url}"' in body


def test_a_page_given_a_new_slug_still_answers_at_its_old_address(client, page_cache_on):
    """Campaigns and patients' bookmarks link to a page's address: when an editor renames
    it, Wagtail's automatic redirect sends them on, from the cached copy's address too."""
    botox = translation_of(english(), "de")
    old_url = botox.url
    assert client.get(old_url).status_code == 200
    botox.slug = "botox-behandlung"
    with committed():
        botox.save_revision().publish()

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/botox-behandlung/")
