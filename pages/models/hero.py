"""The picture at the top of a page, which is also the page's picture when it is shared."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractRendition

# What Facebook, LinkedIn and WhatsApp show best (1.91:1).
SHARE_SIZE = (1200, 630)
SHARE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
# The same shape at phone and desktop widths of the page's column.
BANNER_SPECS = ("fill-480x252|format-webp", "fill-960x504|format-webp")


# Treatment cards show the banner's narrowest size, so the page's own renditions are reused.
CARD_SPEC = BANNER_SPECS[0]


@dataclass(frozen=True)
class HeroRenditions:
    banner: list[AbstractRendition]  # narrowest first
    share: AbstractRendition

    @property
    def srcset(self) -> str:
        return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in self.banner)


def hero_renditions(image) -> HeroRenditions | None:
    """Every size the page shows: one cache read, or made together when any is missing."""
    if image is None:
        return None
    from ..template_filters import cached_renditions

    renditions = cached_renditions(image, [*BANNER_SPECS, SHARE_SPEC])
    return HeroRenditions(
        banner=[renditions[spec] for spec in BANNER_SPECS], share=renditions[SHARE_SPEC]
    )


def with_card_images(treatments):
    """The treatments with their pictures and the cards' renditions: two queries in all."""
    from .images import ClinicImage

    return treatments.prefetch_related(
        Prefetch("hero_image", queryset=ClinicImage.objects.prefetch_renditions(CARD_SPEC))
    )


class HeroImageMixin(models.Model):
    hero_image = models.ForeignKey(
        "pages.ClinicImage",
        verbose_name=_("illustration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown at the top of the page and as its picture when the page is shared. "
            "At least 1200 × 630 pixels; never a patient's photo."
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        image = self.hero_image
        if image is not None and (image.width < SHARE_SIZE[0] or image.height < SHARE_SIZE[1]):
            raise ValidationError(
                {
                    "hero_image": _(
                        "This image is %(width)s × %(height)s pixels: choose one of at least "
                        "1200 × 630, so that it stays sharp when the page is shared."
                    )
                    % {"width": image.width, "height": image.height}
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hero"] = hero_renditions(self.hero_image)
        return context
