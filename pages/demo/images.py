"""Demo pictures drawn with Pillow, so the demo needs no image files or downloads."""

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from ..models import ClinicImage


def _png(colour: tuple[int, int, int], label: str, size: int = 480) -> ImageFile:
    picture = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((size * 0.3, size * 0.2, size * 0.7, size * 0.6), fill=(235, 225, 215))
    draw.rectangle((size * 0.2, size * 0.65, size * 0.8, size), fill=(235, 225, 215))
    draw.text((12, 12), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return ImageFile(buffer, name=f"{label.lower().replace(' ', '-')}.png")


def demo_image(title: str, colour: tuple[int, int, int], consent: bool = False) -> ClinicImage:
    image = ClinicImage.objects.filter(title=title).first()
    if image is None:
        image = ClinicImage(
            title=title,
            file=_png(colour, title),
            patient_consent=consent,
            consent_reference="DEMO-CONSENT" if consent else "",
        )
        image.save()
    return image
