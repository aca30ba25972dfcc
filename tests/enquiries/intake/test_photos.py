"""enquiries/intake/photos.py and the form: photos for assessment are checked by their
content, cleaned of their metadata (GPS above all), kept privately, and shown only to the
enquiry's coordinator and managers."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from PIL import Image

from enquiries.intake import photos
from enquiries.models import Enquiry, EnquiryPhoto
from enquiries.privacy import retention
from tests.enquiries.intake.patient import botox, valid_data

pytestmark = pytest.mark.django_db


def photo_with_gps(name="scalp.jpg", size=(64, 48), image_format="JPEG") -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 150, 120))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (41.0, 0.0, 0.0), 3: "E", 4: (29.0, 0.0, 0.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format=image_format, exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def send(client, page, files, **changes):
    with translation.override(page.locale.language_code):
        url = reverse("enquiries:submit")
    return client.post(url, {**valid_data(page, **changes), "photos": files})


def test_photos_are_kept_privately_without_their_metadata(client):
    response = send(
        client, botox("en"), [photo_with_gps(), photo_with_gps("teeth.png", image_format="PNG")]
    )

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    photos = list(enquiry.photos.all())
    assert [p.content_type for p in photos] == ["image/jpeg", "image/png"]
    for photo in photos:
        path = Path(photo.file.path)
        assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
        assert "scalp" not in path.name and "teeth" not in path.name
        with Image.open(path) as stored:
            assert not stored.getexif()  # no GPS, no camera
            assert "exif" not in stored.info
        assert (photo.width, photo.height) == (64, 48)


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("x-ray.jpg", b"%PDF-1.4 not an image", "image/jpeg"), "is not a photo"),
        (SimpleUploadedFile("notes.txt", b"hello", "text/plain"), "is not a photo"),
    ],
)
def test_a_file_that_is_not_a_photo_gets_a_clear_message_and_nothing_is_saved(
    client, upload, message
):
    response = send(client, botox("en"), [upload])

    assert response.status_code == 200
    assert message in response.content.decode() and upload.name in response.content.decode()
    assert not Enquiry.objects.exists() and not EnquiryPhoto.objects.exists()


def test_the_message_is_translated(client):
    response = send(client, botox("de"), [SimpleUploadedFile("a.jpg", b"nope", "image/jpeg")])

    with translation.override("de"):
        german = str(photos.NOT_A_PHOTO) % {"name": "a.jpg"}
    with translation.override("en"):
        english = str(photos.NOT_A_PHOTO) % {"name": "a.jpg"}
    html = response.content.decode()
    assert german != english and escape(german) in html


def test_too_many_or_too_large_photos_are_refused(client, settings):
    too_many = send(client, botox("en"), [photo_with_gps(f"{n}.jpg") for n in range(6)])
    assert "at most 5 photos" in too_many.content.decode()
    settings.PHOTO_MAX_BYTES = 100
    too_large = send(client, botox("en"), [photo_with_gps()])
    assert "larger than" in too_large.content.decode()
    assert not Enquiry.objects.exists()


def test_photos_go_with_the_enquiry_data(client):
    send(client, botox("en"), [photo_with_gps()])
    enquiry = Enquiry.objects.get()
    path = Path(enquiry.photos.get().file.path)

    retention.anonymise([enquiry.pk])

    assert not EnquiryPhoto.objects.exists() and not path.exists()


def test_the_form_takes_photos_without_script(client):
    html = client.get(botox("en").url).content.decode()

    assert 'enctype="multipart/form-data"' in html
    assert '<input type="file" name="photos" id="id_photos" multiple' in html
