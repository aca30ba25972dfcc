"""The admin's translation status: each English page's state in the seven other languages."""

import html5lib
import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from enquiries.models.coordinator import COORDINATORS_GROUP
from pages.models import StandardPage, TreatmentPage
from pages.translation.status import TranslationState, translation_status

from .helpers import english, translation_of

pytestmark = pytest.mark.django_db

TARGETS = ["tr", "de", "ar", "ru", "fr", "nl", "fa"]
MISSING, DRAFT = TranslationState.MISSING, TranslationState.DRAFT
CHANGED, UP_TO_DATE = TranslationState.SOURCE_CHANGED, TranslationState.UP_TO_DATE
URL = "/admin/reports/translation-status/"


def states(page) -> dict[str, TranslationState]:
    row = next(row for row in translation_status().rows if row.page_id == page.pk)
    return {cell.locale.language_code: cell.state for cell in row.cells}


def everywhere_but(code, state, others=UP_TO_DATE):
    return {target: state if target == code else others for target in TARGETS}


def parse(response):
    assert response.status_code == 200, response
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def html_cells(tree, page) -> dict[str, tuple[str, str, str]]:
    """language code -> (state, link, visible label) of the page's row in the rendered table."""
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    for tr in tree.iter("tr"):
        if any(a.get("href") == edit for a in tr.iter("a")):
            return {
                td.get("data-locale"): (a.get("data-state"), a.get("href"), a.text.strip())
                for td in tr.iter("td")
                if td.get("data-locale")
                for a in td.iter("a")
            }
    raise AssertionError(f"no row for {page}")


def html_counts(tree) -> dict[tuple[str, str], int]:
    summary = next(t for t in tree.iter("table") if t.get("id") == "translation-status-summary")
    return {
        (td.get("data-locale"), td.get("data-state")): int(td.find("a").text)
        for td in summary.iter("td")
    }


def add_english_pages(number):
    home = english(model=StandardPage, slug="about").get_parent()
    for n in range(number):
        page = StandardPage(title=f"Extra {n}", slug=f"extra-{n}")
        home.add_child(instance=page)
        page.save_revision().publish()


@pytest.fixture
def coordinator_client(django_user_model):
    user = django_user_model.objects.create_user("test-coordinator", password="pw")
    user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def test_the_demo_is_up_to_date_in_every_language():
    status = translation_status()

    assert [locale.language_code for locale in status.locales] == TARGETS
    titles = [row.title for row in status.rows]
    assert titles[0] == "Anatolia Care" and status.rows[0].path == "/"
    assert "Botox" in titles and len(titles) == 9
    assert {cell.state for row in status.rows for cell in row.cells} == {UP_TO_DATE}


def test_a_deleted_translation_is_missing():
    translation_of(english(), "de").delete()

    assert states(english()) == everywhere_but("de", MISSING)


def test_an_alias_counts_as_missing():
    botox = english()
    translation_of(botox, "de").delete()
    german_index = translation_of(botox.get_parent(), "de")
    alias = botox.create_alias(
        parent=german_index,
        update_locale=Locale.objects.get(language_code="de"),
        reset_translation_key=False,
    )
    assert alias.translation_key == botox.translation_key and alias.alias_of_id == botox.pk

    assert states(botox) == everywhere_but("de", MISSING)
    # Untranslated copies are kept drafts (pages/translation/untranslated.py); a live one,
    # made before that rule, is no translation either.
    Page.objects.filter(pk=alias.pk).update(live=True)
    assert states(botox) == everywhere_but("de", MISSING)


def test_an_unpublished_translation_is_draft():
    translation_of(english(), "fr").unpublish()

    assert states(english()) == everywhere_but("fr", DRAFT)


def test_english_published_after_the_last_sync_is_source_changed_until_synced():
    botox = english()
    botox.session_minutes_max = 45  # a synchronised fact: no new string to translate
    botox.save_revision().publish()

    assert states(botox) == everywhere_but("de", CHANGED, others=CHANGED)
    assert states(english(slug="dermal-fillers")) == everywhere_but("de", UP_TO_DATE)

    TranslationSource.objects.get_for_instance(botox).update_from_db()

    assert states(botox) == everywhere_but("de", UP_TO_DATE)


def test_an_untranslated_string_is_source_changed_in_that_language_only():
    botox = english()
    botox.facts_note = "A new note for patients."
    botox.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(botox)
    source.update_from_db()  # synced: only the new string is left
    assert states(botox) == everywhere_but("de", CHANGED, others=CHANGED)

    segment = StringSegment.objects.get(source=source, string__data="A new note for patients.")
    for code, data, has_error in [("de", "Ein neuer Hinweis.", False), ("fr", "<b>", True)]:
        StringTranslation.objects.create(
            translation_of=segment.string,
            context=segment.context,
            locale=Locale.objects.get(language_code=code),
            data=data,
            translation_type="manual",
            has_error=has_error,
        )

    # An erroneous string does not count (as in Translation.get_progress()).
    assert states(botox) == everywhere_but("de", UP_TO_DATE, others=CHANGED)


def test_a_translation_edited_outside_wagtail_localize_compares_publish_dates():
    botox = english()
    german = translation_of(botox, "de")
    Translation.objects.filter(
        source__object_id=botox.translation_key, target_locale=german.locale
    ).update(enabled=False)
    botox.save_revision().publish()

    assert states(botox)["de"] == CHANGED
    german.save_revision().publish()
    assert states(botox)["de"] == UP_TO_DATE
    assert states(botox)["tr"] == CHANGED  # still synchronised by wagtail-localize


def test_counts_per_language_and_state(editor_client):
    translation_of(english(), "de").delete()
    translation_of(english(slug="dermal-fillers"), "de").unpublish()
    english(slug="hair-transplant").save_revision().publish()

    counts = translation_status().counts()
    assert counts["de"] == {MISSING: 1, DRAFT: 1, CHANGED: 1, UP_TO_DATE: 6}
    assert counts["tr"] == {CHANGED: 1, UP_TO_DATE: 8}

    shown = html_counts(parse(editor_client.get(URL)))
    assert len(shown) == 7 * 4
    assert [shown["de", state] for state in TranslationState] == [1, 1, 1, 6]
    assert [shown["tr", state] for state in TranslationState] == [0, 0, 1, 8]


def test_cells_link_into_wagtail_localize(editor_client):
    botox = english()
    translation_of(botox, "de").delete()
    tree = parse(editor_client.get(URL))

    cells = html_cells(tree, botox)
    assert set(cells) == set(TARGETS)
    translate = reverse("wagtail_localize:submit_page_translation", args=[botox.pk])
    assert cells["de"] == ("missing", translate, "Missing")
    edit = reverse("wagtailadmin_pages:edit", args=[translation_of(botox, "tr").pk])
    assert cells["tr"] == ("up_to_date", edit, "Up to date")

    submit = editor_client.get(translate)
    assert "wagtail_localize/admin/submit_translation.html" in templates(submit)
    editor = editor_client.get(edit)
    assert "wagtail_localize/admin/edit_translation.html" in templates(editor)


def templates(response):
    assert response.status_code == 200
    return [template.name for template in response.templates]


def test_filter_by_language_and_state(editor_client):
    translation_of(english(), "de").delete()
    translation_of(english(slug="dermal-fillers"), "fr").delete()

    tree = parse(editor_client.get(URL, {"locale": "de", "state": "missing"}))

    assert html_cells(tree, english()) == {
        "de": (
            "missing",
            reverse("wagtail_localize:submit_page_translation", args=[english().pk]),
            "Missing",
        )
    }
    with pytest.raises(AssertionError):
        html_cells(tree, english(slug="dermal-fillers"))  # missing in French, not German
    assert set(html_counts(tree)) == {("de", state) for state in TranslationState}

    results = editor_client.get(reverse("translation_status_results"), {"state": "missing"})
    rows = parse(results)
    assert html_cells(rows, english(slug="dermal-fillers"))["fr"][0] == "missing"
    with pytest.raises(AssertionError):
        html_cells(rows, english(slug="hair-transplant"))


def test_editors_and_superusers_see_it_in_the_reports_menu(editor_client, admin_client):
    admin_client.defaults["HTTP_HOST"] = "localhost"
    for client in (editor_client, admin_client):
        assert client.get(URL).status_code == 200
        assert URL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_others_are_refused(coordinator_client, client):
    response = coordinator_client.get(URL)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert coordinator_client.get(reverse("translation_status_results")).status_code == 302
    assert URL not in coordinator_client.get(reverse("wagtailadmin_home")).content.decode()

    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("wagtailadmin_login"))


def count_queries(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_pages(editor_client):
    translation_of(english(), "de").delete()
    editor_client.get(URL)  # the session and permissions, once
    before = count_queries(translation_status), count_queries(lambda: editor_client.get(URL))
    add_english_pages(12)
    TreatmentPage.objects.filter(pk=translation_of(english(), "ar").pk).update(live=False)

    assert len(translation_status().rows) == 9 + 12
    after = count_queries(translation_status), count_queries(lambda: editor_client.get(URL))
    assert after == before
    assert before[0] <= 4
