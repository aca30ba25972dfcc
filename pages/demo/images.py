"""Demo pictures, drawn on first load (illustrations.py), so the demo needs no image files."""

import io
from collections.abc import Callable

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image

from ..models import ClinicImage


def _file(picture: Image.Image, title: str) -> ImageFile:
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=90)
    return ImageFile(buffer, name=f"{slugify(title)}.jpg")


def demo_image(title: str, draw: Callable[[], Image.Image], consent: bool = False) -> ClinicImage:
    """The demo's image of that title, drawn and saved the first time it is asked for."""
    image = ClinicImage.objects.filter(title=title).first()
    if image is None:
        image = ClinicImage(
            title=title,
            file=_file(draw(), title),
            patient_consent=consent,
            consent_reference="DEMO-CONSENT" if consent else "",
        )
        image.save()
    return image
