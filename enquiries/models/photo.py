"""Photos a patient sends with an enquiry for assessment (hair and dental patients, mostly):
re-encoded without their metadata (intake/photos.py), kept in private storage, shown only to
the enquiry's coordinator and managers, and removed with the enquiry's data."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conversation import private_storage


def photo_path(instance, filename: str) -> str:
    # A random name: nothing about the patient on the disk.
    return f"photos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class EnquiryPhoto(models.Model):
    enquiry = models.ForeignKey(
        "enquiries.Enquiry", on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(storage=private_storage, upload_to=photo_path, max_length=200)
    content_type = models.CharField(max_length=50)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo")

    def __str__(self):
        return f"{self.width}×{self.height}"
