"""Editors work in the image library: upload a picture and record the patient's consent."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from pages.models import ClinicImage

pytestmark = pytest.mark.django_db


def png_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (1300, 700), (200, 220, 210)).save(buffer, format="PNG")
    return SimpleUploadedFile("after.png", buffer.getvalue(), content_type="image/png")


def test_editor_opens_the_library_uploads_and_sets_the_consent_flag(editor_client):
    assert editor_client.get(reverse("wagtailimages:index")).status_code == 200

    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Patient 17, after",
            "file": png_upload(),
            "collection": ClinicImage.objects.first().collection_id,
            "patient_consent": "on",
            "consent_reference": "CONSENT-2026-17",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image = ClinicImage.objects.get(title="Patient 17, after")
    assert image.patient_consent and image.consent_reference == "CONSENT-2026-17"
    edit = editor_client.get(reverse("wagtailimages:edit", args=[image.pk]))
    assert edit.status_code == 200 and b"patient_consent" in edit.content
