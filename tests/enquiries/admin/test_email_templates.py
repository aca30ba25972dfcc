"""enquiries/admin/email_templates.py and the preview: editors open the templates and preview
one filled from a made-up enquiry, in the template's own language; translators preview the
translation they are editing in wagtail-localize's editor."""

import html
import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from enquiries.admin.email_templates import translation_preview_url
from enquiries.messaging.samples import SAMPLE_PEOPLE
from enquiries.models import EmailTemplate
from pages.models import TreatmentPage

pytestmark = pytest.mark.django_db


def email_template(kind, language):
    return EmailTemplate.objects.get(kind=kind, locale__language_code=language)


def arabic_aftercare():
    return email_template("aftercare", "ar")


def form_data(email_template, paragraphs):
    return nested_form_data(
        {
            "kind": email_template.kind,
            "subject": email_template.subject,
            "body": streamfield([("paragraph", text) for text in paragraphs]),
        }
    )


def botox(language):
    english = TreatmentPage.objects.get(locale__language_code="en", slug="botox")
    return TreatmentPage.objects.get(
        locale__language_code=language, translation_key=english.translation_key
    )


def editor_props(response):
    [props] = re.findall(
        r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode()
    )
    return json.loads(html.unescape(props))


def test_editors_can_open_email_templates_in_the_admin(editor_client):
    response = editor_client.get("/admin/snippets/enquiries/emailtemplate/")

    assert response.status_code == 200


def test_editors_preview_an_edited_template_with_sample_values(editor_client):
    template = arabic_aftercare()
    url = reverse("wagtailsnippets_enquiries_emailtemplate:preview_on_edit", args=[template.pk])
    edited = form_data(template, ["{first_name}؟", "{treatment_name}"])

    assert editor_client.post(url, edited).json()["is_valid"] is True
    response = editor_client.get(url)

    body = response.content.decode()
    assert response.status_code == 200
    # The editor's unsaved text, with a made-up Arabic patient, never a real one.
    assert f"{SAMPLE_PEOPLE['ar'][0].split()[0]}؟" in body
    assert "dir=&quot;rtl&quot;" in body  # the Arabic email, inside the preview frame


def test_a_preview_of_a_template_with_an_unknown_placeholder_is_refused(editor_client):
    template = arabic_aftercare()
    url = reverse("wagtailsnippets_enquiries_emailtemplate:preview_on_edit", args=[template.pk])
    broken = form_data(template, ["{first_name}،", "{password}"])

    assert editor_client.post(url, broken).json()["is_valid"] is False


def test_saving_an_unknown_placeholder_shows_the_error_under_its_paragraph(editor_client):
    template = email_template("acknowledgement", "en")
    url = reverse("wagtailsnippets_enquiries_emailtemplate:edit", args=[template.pk])

    response = editor_client.post(url, form_data(template, ["Dear {first_name},", "Your {price}."]))

    assert response.status_code == 200  # the form again, not a redirect
    [errors] = re.findall(r'data-w-block-arguments-value="([^"]*)"', response.content.decode())
    _value, error = json.loads(html.unescape(errors))
    assert set(error["blockErrors"]) == {"1"}  # the second paragraph, not the first
    assert "{price}" in error["blockErrors"]["1"]["messages"][0]
    template.refresh_from_db()
    assert "{price}" not in template.body_text


def test_the_model_preview_of_the_arabic_template_is_in_arabic(rf):
    template = arabic_aftercare()

    response = template.serve_preview(rf.get("/"), template.default_preview_mode).render()

    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "dir=&quot;rtl&quot;" in page  # the email itself, in the frame
    assert SAMPLE_PEOPLE["ar"][0].split()[0] in page  # an Arabic patient's name ...
    assert botox("ar").title in page  # ... and the treatment's Arabic title
    assert "Maria" not in page and "Botox" not in page
    assert "الموضوع" in page  # the preview's labels in Arabic too


def test_the_model_preview_of_the_german_template_is_in_german(rf):
    template = email_template("pre_travel", "de")

    response = template.serve_preview(rf.get("/"), template.default_preview_mode).render()

    page = response.content.decode()
    assert '<html lang="de" dir="ltr">' in page
    assert SAMPLE_PEOPLE["de"][0].split()[0] in page
    assert botox("de").title in page
    # The travel dates a month away, worded in German (a German month name).
    months = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
    assert any(month in page for month in months.split())
    assert "Betreff" in page  # the preview's labels in German


def test_the_translation_editor_offers_a_preview_of_the_translation(editor_client):
    german = email_template("acknowledgement", "de")

    response = editor_client.get(
        reverse("wagtailsnippets_enquiries_emailtemplate:edit", args=[german.pk])
    )

    assert response.status_code == 200
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=german.locale
    )
    [mode] = editor_props(response)["previewModes"]  # wagtail-localize gives pages only one
    assert mode["url"] == translation_preview_url(translation)


def test_the_translation_preview_shows_the_strings_being_translated(editor_client):
    german = email_template("acknowledgement", "de")
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=german.locale
    )
    source = TranslationSource.objects.get(
        object_id=german.translation_key, locale__language_code="en"
    )
    first = source.stringsegment_set.get(context__path__startswith="body.", order=2)
    # A translator's unpublished edit: saved in wagtail-localize, not yet in the German row.
    StringTranslation.objects.filter(
        translation_of=first.string, context=first.context, locale=german.locale
    ).update(data="Hallo {first_name}, schön von Ihnen zu hören!")

    response = editor_client.get(translation_preview_url(translation))

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de" dir="ltr">' in page
    assert f"Hallo {SAMPLE_PEOPLE['de'][0].split()[0]}, schön von Ihnen zu hören!" in page
    german.refresh_from_db()
    assert german.paragraphs[0] == "Guten Tag {first_name},"  # the row is not changed


def test_only_editors_of_email_templates_preview_translations(client, django_user_model):
    german = email_template("acknowledgement", "de")
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=german.locale
    )
    user = django_user_model.objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(translation_preview_url(translation))

    assert response.status_code in (302, 403)
