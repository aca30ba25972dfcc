"""An editor translates a page with wagtail-localize in the admin: submit, PO download and
upload, publish, then sync after the English page changes."""

import io
import re

import polib
import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from pages.models import StandardPage, TreatmentPage

from .helpers import english

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_english_page():
    home = english(model=StandardPage, slug="about").get_parent()
    page = StandardPage(
        title="Travel tips",
        slug="travel-tips",
        body=[{"type": "paragraph", "value": "<p>Bring your medical reports.</p>"}],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def submit_for_translation(client, page, language_code):
    locale = Locale.objects.get(language_code=language_code)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale.pk]},
    )
    assert response.status_code == 302, response.content[:500]
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def upload_po(client, translation, translations: dict[str, str]):
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    for entry in po:
        entry.msgstr = translations[entry.msgid]
    upload = io.BytesIO(str(po).encode())
    upload.name = "translation.po"
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
    )
    assert response.status_code == 302


def publish(client, page):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})


def test_editor_translates_and_publishes_a_page(
    editor_client, client, new_english_page, django_capture_on_commit_callbacks
):
    translation = submit_for_translation(editor_client, new_english_page, "de")
    german = translation.get_target_instance()
    assert not german.live  # stays a draft until a translator publishes it
    assert client.get("/de/travel-tips/").status_code == 404

    upload_po(
        editor_client,
        translation,
        {
            "Travel tips": "Reisetipps",
            "travel-tips": "reisetipps",
            "Bring your medical reports.": "Bringen Sie Ihre medizinischen Befunde mit.",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = publish(editor_client, german)
    assert response.status_code == 302

    page = client.get("/de/reisetipps/")
    assert page.status_code == 200
    assert "Bringen Sie Ihre medizinischen Befunde mit." in page.content.decode()
    german.refresh_from_db()
    english_page = client.get(new_english_page.url).content.decode()
    assert f'hreflang="de" href="{german.full_url}"' in english_page
    assert german.full_url.endswith("/de/reisetipps/")


def test_sync_carries_english_changes_to_the_translation(
    editor_client, client, django_capture_on_commit_callbacks
):
    botox = english()
    german = botox.get_translation(Locale.objects.get(language_code="de")).specific
    # The editor changes a fact (synchronised) and adds a sentence (to be translated).
    botox.session_minutes_max = 45
    botox.facts_note = "A new note for patients."
    botox.save_revision(user=None).publish()
    source = TranslationSource.objects.get_for_instance(botox)

    response = editor_client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert response.status_code == 302
    translation = Translation.objects.get(source=source, target_locale=german.locale)
    upload_po(
        editor_client,
        translation,
        _existing_translations(translation) | {"A new note for patients.": "Ein neuer Hinweis."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(editor_client, german)

    german = TreatmentPage.objects.get(pk=german.pk)
    assert german.session_minutes_max == 45
    assert german.facts_note == "Ein neuer Hinweis."
    body = client.get(german.url).content.decode()
    assert re.search(r"15.45", body)


def _existing_translations(translation):
    po = translation.export_po()
    return {entry.msgid: entry.msgstr for entry in po}
