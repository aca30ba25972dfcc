"""The conversation with a patient: their emails in (threaded into the enquiry by the
Reply-To address every patient email carries), with attachments kept in private storage,
and the saved replies coordinators start from. What goes out is in the outbox (email.py).

Both directions name their channel, so that a WhatsApp Business channel can later share the
outbox, the inbox and the timeline; email is the only one today.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import TranslatableField

from .placeholders import errors_in


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")


def private_storage():
    """Never under MEDIA_ROOT and never served by URL: only a permission-checked view reads it."""
    return storages["private"]


def attachment_path(instance, filename: str) -> str:
    # A random name: the patient's file name is kept on the row, not on disk.
    return f"inbound/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class InboundMessage(models.Model):
    """A message from a patient, received through the provider's inbound webhook."""

    enquiry = models.ForeignKey(
        "enquiries.Enquiry", on_delete=models.CASCADE, related_name="inbound_messages"
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.EMAIL
    )
    provider = models.CharField(_("provider"), max_length=30)
    # The provider's id of the message: a webhook delivered twice is stored once.
    provider_event_id = models.CharField(max_length=255, blank=True, editable=False)
    from_address = models.EmailField(_("from"), blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body_text = models.TextField(_("text"), blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("message from a patient")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_event_id"],
                condition=~models.Q(provider_event_id=""),
                name="one_inbound_message_per_provider_event",
            )
        ]

    def __str__(self):
        return self.subject or str(self._meta.verbose_name)


class InboundAttachment(models.Model):
    message = models.ForeignKey(
        InboundMessage, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=200)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("attachment")

    def __str__(self):
        return self.filename


class SavedReply(TranslatableMixin, models.Model):
    """A reply coordinators start from, written and translated by editors (wagtail-localize),
    with the same placeholders as the patient emails, e.g. {first_name}."""

    title = models.CharField(_("title"), max_length=100, help_text=_("Shown to coordinators."))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("subject"),
        TranslatableField("body"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("saved reply")
        verbose_name_plural = _("saved replies")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        if errors := errors_in(self.subject, self.body):
            raise ValidationError(errors)
