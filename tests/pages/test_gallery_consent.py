"""Before/after photos are shown only when both photos of a pair have patient consent."""

import pytest

from pages.models import ClinicImage

from .helpers import english, translation_of

pytestmark = pytest.mark.django_db


def test_pair_without_consent_is_never_shown(client):
    botox = english()
    hidden = botox.gallery_items.get(caption="Crow's feet")
    assert not hidden.before_image.patient_consent

    body = client.get(botox.url).content.decode()

    assert "Forehead lines, two weeks after treatment" in body
    assert "Crow&#x27;s feet" not in body
    assert hidden.before_image.file.name.split("/")[-1].split(".")[0] not in body


def test_revoking_consent_hides_the_photo_in_every_language(client):
    botox = english()
    shown = botox.gallery_items.get(caption="Forehead lines, two weeks after treatment")
    ClinicImage.objects.filter(pk=shown.after_image_id).update(patient_consent=False)

    for language in ("en", "de", "ar"):
        page = translation_of(botox, language)
        assert page.consented_gallery() == []
        body = client.get(page.url).content.decode()
        assert 'class="gallery"' not in body
        assert shown.after_image.file.name.rsplit("/", 1)[-1].split(".")[0] not in body
