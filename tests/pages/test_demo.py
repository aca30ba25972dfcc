"""The demo loader: complete, translated through wagtail-localize, and idempotent."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation

from pages.demo import content
from pages.models import Clinic, ClinicImage, Practitioner, TreatmentPage

from ..conftest import SITE_LANGUAGES

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "live")),
        "revisions": Revision.objects.count(),
        "translations": Translation.objects.count(),
        "strings": StringTranslation.objects.count(),
        "snippets": (Clinic.objects.count(), Practitioner.objects.count()),
        "images": ClinicImage.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_loading_twice_changes_nothing(django_capture_on_commit_callbacks):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=open("/dev/null", "w"))

    assert snapshot() == before


def test_every_page_and_snippet_is_a_wagtail_localize_translation_of_english():
    for language in SITE_LANGUAGES[1:]:
        pages = Page.objects.filter(depth__gte=2, locale__language_code=language)
        assert pages.count() == 9
        assert all(page.live for page in pages)
        # 9 pages, a clinic, two practitioners and the six patient email templates.
        assert Translation.objects.filter(target_locale__language_code=language).count() == 18


def test_page_tree_is_consistent_in_every_language():
    # treebeard's own check: wrong numchild, orphans or bad paths.
    assert Page.find_problems() == ([], [], [], [], [])
    for home in Page.objects.filter(depth=2):
        assert home.get_children().count() == 4


def test_translations_are_real_text_not_copies_of_the_english():
    source = TreatmentPage.objects.get(locale__language_code="en", slug="botox")
    for translated in TreatmentPage.objects.filter(translation_key=source.translation_key):
        if translated.locale.language_code == "en":
            continue
        assert translated.summary != source.summary
        assert translated.how_it_works != source.how_it_works
        assert [b.value for b in translated.aftercare_steps] != [
            b.value for b in source.aftercare_steps
        ]


def test_botox_page_carries_the_fact_sheet_numbers():
    botox = TreatmentPage.objects.get(locale__language_code="en", slug="botox")

    assert (botox.session_minutes_min, botox.session_minutes_max) == (15, 30)
    assert (botox.effect_months_min, botox.effect_months_max) == (3, 6)
    assert (botox.results_days_min, botox.results_days_max) == (3, 14)
    assert (botox.stay_days_min, botox.stay_days_max) == (1, 2)
    assert len(botox.aftercare_steps) == 6
    assert botox.medical_uses and botox.cosmetic_uses


def test_demo_has_the_required_content():
    slugs = {t["slug"] for t in content.TREATMENTS}
    assert {"botox", "dermal-fillers", "hair-transplant", "dental-implants"} <= slugs
    assert Practitioner.objects.filter(locale__language_code="en").count() == 2
    assert Clinic.objects.filter(locale__language_code="en").count() == 1
