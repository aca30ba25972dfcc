"""The outbox: every email the system sends is first a row here, then sent by a task that
marks it sent. Other processes (tests, the admin) read what was sent from this table.

Subject and body may be left empty when the row is written: they are then rendered when the
email is sent, from the data of that moment, and kept on the row as the record of what went.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    class Kind(models.TextChoices):
        COORDINATOR_ASSIGNED = "coordinator_assigned", _("New enquiry for a coordinator")
        MANAGER_ALERT = "manager_alert", _("Alert to managers")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    enquiry = models.ForeignKey(
        "enquiries.Enquiry",
        verbose_name=_("enquiry"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    coordinator = models.ForeignKey(
        "enquiries.Coordinator",
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The coordinator it is addressed to, for emails to staff."),
    )
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body_text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    provider_message_id = models.CharField(_("provider message id"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"
