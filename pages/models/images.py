"""The site's image model.

Before/after photos show real patients, so the consent flag sits on the image itself: one row
shared by every translation of every page, so revoking consent hides the photo everywhere at
once (a flag on a page would have to be synced to each translation).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class ClinicImage(AbstractImage):
    patient_consent = models.BooleanField(
        _("patient consent on file"),
        default=False,
        help_text=_(
            "Tick only when the patient's written consent to publish this photo is on file. "
            "Photos of patients without consent are never shown on the site."
        ),
    )
    consent_reference = models.CharField(
        _("consent form reference"),
        max_length=100,
        blank=True,
        help_text=_("Where the signed consent form is kept, e.g. its document number."),
    )

    admin_form_fields = (*Image.admin_form_fields, "patient_consent", "consent_reference")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class ClinicRendition(AbstractRendition):
    image = models.ForeignKey(ClinicImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def with_consent(pairs) -> list:
    """The before/after pairs whose two photos both have consent on file, read now: a
    withdrawal hides a photo at once, however it was made."""
    photos = {pair.before_image_id for pair in pairs} | {pair.after_image_id for pair in pairs}
    consented = set(
        ClinicImage.objects.filter(pk__in=photos, patient_consent=True).values_list("pk", flat=True)
    )
    return [p for p in pairs if p.before_image_id in consented and p.after_image_id in consented]
