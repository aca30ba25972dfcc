"""Checking and cleaning the photos sent with an enquiry.

A photo is what Pillow can open as JPEG, PNG or WebP, whatever its name or declared type
says, at most PHOTO_MAX_BYTES and PHOTO_MAX_PIXELS. It is turned the right way up and
saved again from its pixels alone: EXIF (GPS position, camera, date), XMP and ICC-embedded
text are not copied.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}

NOT_A_PHOTO = _("“%(name)s” is not a photo we can open. Please send JPEG, PNG or WebP images.")
TOO_LARGE = _("“%(name)s” is larger than %(size)s MB. Please send a smaller photo.")
TOO_MANY = _("Please send at most %(count)s photos.")


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    extension: str
    content_type: str
    width: int
    height: int


def clean(upload) -> CleanPhoto:
    """The photo re-encoded without metadata, or ValidationError with a translated reason."""
    name = upload.name or ""
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            TOO_LARGE,
            code="too_large",
            params={"name": name, "size": settings.PHOTO_MAX_BYTES // 1_000_000},
        )
    try:
        with Image.open(upload) as image:
            if image.format not in FORMATS:
                raise ValidationError(NOT_A_PHOTO, code="not_a_photo", params={"name": name})
            if image.width * image.height > settings.PHOTO_MAX_PIXELS:
                raise ValidationError(NOT_A_PHOTO, code="too_many_pixels", params={"name": name})
            image.load()
            upright = ImageOps.exif_transpose(image)
            return _reencode(upright, image.format)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(NOT_A_PHOTO, code="not_a_photo", params={"name": name}) from error


def _reencode(image: Image.Image, image_format: str) -> CleanPhoto:
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # A new image from the pixels only: nothing of the original's info travels with it.
    pixels = Image.new(image.mode, image.size)
    pixels.paste(image)
    out = io.BytesIO()
    options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
    pixels.save(out, format=image_format, **options)
    return CleanPhoto(
        content=out.getvalue(),
        extension={"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image_format],
        content_type=FORMATS[image_format],
        width=pixels.width,
        height=pixels.height,
    )


def clean_all(uploads) -> list[CleanPhoto]:
    if len(uploads) > settings.PHOTO_MAX_COUNT:
        raise ValidationError(TOO_MANY, code="too_many", params={"count": settings.PHOTO_MAX_COUNT})
    errors, photos = [], []
    for upload in uploads:
        try:
            photos.append(clean(upload))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return photos
