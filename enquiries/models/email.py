"""The outbox: every email the system sends is first a row here, then sent by a task that
marks it sent. Other processes (tests, the admin) read what was sent from this table.

An email is *in doubt* when its provider call started and the outcome is unknown (the
connection dropped mid-answer, the worker died): it is never sent again automatically. A
tracking event for it settles it as sent; without one, it waits for a manager's decision.

Subject and body may be left empty when the row is written: they are then rendered when the
email is sent, from the data of that moment, and kept on the row as the record of what went.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conversation import Channel
from .email_template import FollowUpKind


class OutgoingEmail(models.Model):
    class Kind(models.TextChoices):
        COORDINATOR_ASSIGNED = "coordinator_assigned", _("New enquiry for a coordinator")
        MANAGER_ALERT = "manager_alert", _("Alert to managers")
        OUTBOX_ALERT = "outbox_alert", _("Outbox alert to managers")
        ACKNOWLEDGEMENT = FollowUpKind.ACKNOWLEDGEMENT.value, FollowUpKind.ACKNOWLEDGEMENT.label
        PROCEDURE_INFO = FollowUpKind.PROCEDURE_INFO.value, FollowUpKind.PROCEDURE_INFO.label
        PRE_TRAVEL = FollowUpKind.PRE_TRAVEL.value, FollowUpKind.PRE_TRAVEL.label
        AFTERCARE = FollowUpKind.AFTERCARE.value, FollowUpKind.AFTERCARE.label
        RETREATMENT_REMINDER = (
            FollowUpKind.RETREATMENT_REMINDER.value,
            FollowUpKind.RETREATMENT_REMINDER.label,
        )
        REPLY = "reply", _("Reply from the patient team")
        QUOTE = "quote", _("Quote")
        PATIENT_REPLIED = "patient_replied", _("Patient replied, to the coordinator")

    class Delivery(models.TextChoices):
        """What the provider reported after accepting the email (tracking webhooks)."""

        UNKNOWN = "", _("Not reported")
        DELIVERED = "delivered", _("Delivered")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Marked as spam")
        REJECTED = "rejected", _("Rejected")
        DEFERRED = "deferred", _("Delayed")
        OPENED = "opened", _("Opened")
        CLICKED = "clicked", _("Clicked")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        IN_DOUBT = "in_doubt", _("In doubt: waiting for the provider's report")
        NEEDS_DECISION = "needs_decision", _("Needs a decision")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    # What a manager must look at; also what they are alerted about.
    PROBLEM_STATUSES = (Status.FAILED, Status.NEEDS_DECISION)
    # What a manager may do with an email: send it (again), or not at all.
    RESENDABLE = (Status.FAILED, Status.IN_DOUBT, Status.NEEDS_DECISION, Status.CANCELLED)
    CANCELLABLE = (Status.PENDING, Status.FAILED, Status.IN_DOUBT, Status.NEEDS_DECISION)
    # Alerts to managers about failing emails are not themselves alerted about (no loop).
    STAFF_ALERT_KINDS = (Kind.MANAGER_ALERT, Kind.OUTBOX_ALERT)
    # Written to the patient: they carry the enquiry's Reply-To, and are the conversation.
    PATIENT_KINDS = (*FollowUpKind.values, Kind.REPLY, Kind.QUOTE)
    # Written by a coordinator, whatever the patient unsubscribed from.
    WRITTEN_BY_STAFF = (Kind.REPLY, Kind.QUOTE)

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
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.EMAIL
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body_text = models.TextField(_("text"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    fallback_language = models.BooleanField(
        _("sent in the fallback language"),
        default=False,
        help_text=_("The template or the page had no translation in the recipient's language."),
    )
    cancel_reason = models.CharField(_("why cancelled"), max_length=200, blank=True)
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=Delivery.choices, blank=True, default=""
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claimed_by = models.CharField(
        _("claimed by"), max_length=200, blank=True, help_text=_("The worker sending it.")
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    provider_message_id = models.CharField(_("provider message id"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    alerted_at = models.DateTimeField(
        _("managers alerted at"), null=True, blank=True, help_text=_("About it failing.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["provider_message_id"]),
        ]
        constraints = [
            # Each patient email of the sequence exists once per enquiry: sent at most once.
            models.UniqueConstraint(
                fields=["enquiry", "kind"],
                condition=models.Q(kind__in=FollowUpKind.values),
                name="one_follow_up_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"


class EmailEvent(models.Model):
    """A provider's report about a sent email (delivered, bounced, opened...)."""

    email = models.ForeignKey(OutgoingEmail, on_delete=models.CASCADE, related_name="events")
    event = models.CharField(_("event"), max_length=20)
    occurred_at = models.DateTimeField(_("at"))
    description = models.CharField(_("details"), max_length=500, blank=True)
    # Identifies the provider's event (tracking.event_key): a replayed copy is not recorded.
    event_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("email event")
        constraints = [
            models.UniqueConstraint(
                fields=["event_key"], condition=~models.Q(event_key=""), name="one_event_per_key"
            )
        ]

    def __str__(self):
        return f"{self.event} ({self.occurred_at:%Y-%m-%d %H:%M})"


class Suppression(models.Model):
    """An address no email goes to any more: it bounced, or its owner complained.

    Found by the digest of the address, so that it still holds once a patient's data is
    erased: the address itself is then removed and only the digest is kept."""

    class Reason(models.TextChoices):
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Marked as spam")
        REJECTED = "rejected", _("Refused by the provider")

    address_digest = models.CharField(max_length=64, unique=True, editable=False)
    address = models.EmailField(_("address"), blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self):
        return self.address or self.address_digest[:12]

    @classmethod
    def normalise(cls, address: str) -> str:
        return address.strip().lower()

    @classmethod
    def digest(cls, address: str) -> str:
        return hashlib.sha256(cls.normalise(address).encode()).hexdigest()

    @classmethod
    def add(cls, address: str, reason: str) -> "Suppression":
        suppression, _created = cls.objects.get_or_create(
            address_digest=cls.digest(address),
            defaults={"address": cls.normalise(address), "reason": reason},
        )
        return suppression

    @classmethod
    def suppressed_among(cls, addresses) -> set[str]:
        """The normalised addresses among `addresses` that are suppressed (one query)."""
        by_digest = {cls.digest(address): cls.normalise(address) for address in addresses}
        found = cls.objects.filter(address_digest__in=by_digest).values_list(
            "address_digest", flat=True
        )
        return {by_digest[digest] for digest in found}

    @classmethod
    def is_suppressed(cls, address: str) -> bool:
        return cls.objects.filter(address_digest=cls.digest(address)).exists()
