"""Before/after photos are shown only when both photos of a pair have patient consent."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import ClinicImage

from .helpers import committed, english, translation_of

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


def test_a_second_view_reads_the_pairs_from_the_cache_and_only_consent_from_the_database(
    client,
):
    page = english()
    client.get(page.url)

    with CaptureQueriesContext(connection) as queries:
        client.get(page.url)

    assert not [q for q in queries if "pages_treatmentgalleryitem" in q["sql"]]
    assert [q for q in queries if "patient_consent" in q["sql"]]


def test_a_preview_never_puts_its_pairs_on_the_live_page(client):
    page = english()
    live = [pair.pk for pair in page.consented_gallery()]
    with committed():  # the live page's cached pairs are gone, as after any change
        ClinicImage.objects.get(pk=page.consented_gallery()[0].before_image_id).save()
    draft = page.get_latest_revision_as_object()
    draft.gallery_items = []

    draft.make_preview_request()

    assert [pair.pk for pair in english().consented_gallery()] == live
    assert 'class="gallery"' in client.get(page.url).content.decode()
