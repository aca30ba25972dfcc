import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

# No 0/O or 1/I: codes are read out on the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_reference() -> str:
    return "TR-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class Enquiry(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned")
        CONTACTED = "contacted", _("Contacted")
        WAITING = "waiting", _("Waiting for the patient")
        REPLIED = "replied", _("Patient replied")
        QUOTED = "quoted", _("Quoted")
        BOOKED = "booked", _("Booked")
        TREATED = "treated", _("Treated")
        CLOSED = "closed", _("Closed")
        LOST = "lost", _("Lost")
        SPAM = "spam", _("Spam")

    # Statuses that count against a coordinator's capacity.
    OPEN_STATUSES = (
        Status.ASSIGNED,
        Status.CONTACTED,
        Status.WAITING,
        Status.REPLIED,
        Status.QUOTED,
        Status.BOOKED,
    )
    # The patient waits for the clinic: the SLA clock runs (routing/sla.py). In any other
    # status it is stopped, "waiting for the patient" included.
    ANSWER_DUE_STATUSES = (Status.ASSIGNED, Status.REPLIED)
    # Finished with: the retention period starts (privacy/retention.py).
    CLOSED_STATUSES = (Status.CLOSED, Status.LOST, Status.SPAM)

    reference = models.CharField(_("reference"), max_length=12, unique=True, default=new_reference)
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("email"))
    phone = PhoneNumberField(_("phone"))
    uses_whatsapp = models.BooleanField(_("uses WhatsApp on this number"), default=False)
    country = CountryField(_("country of residence"))
    language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES)
    treatment = models.ForeignKey(
        "pages.TreatmentPage",
        verbose_name=_("treatment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    travel_from = models.DateField(_("travel from"), null=True, blank=True)
    travel_to = models.DateField(_("travel to"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    # Two consents, recorded apart (KVKK art. 6 for the health data; Turkey's law 6563 on
    # electronic commerce for commercial messages), each with the notice version shown.
    consent_at = models.DateTimeField(_("consent to process health data given at"))
    privacy_notice_version = models.CharField(_("privacy notice version accepted"), max_length=50)
    commercial_consent_at = models.DateTimeField(
        _("consent to commercial messages given at"), null=True, blank=True
    )
    commercial_notice_version = models.CharField(
        _("notice version of the commercial consent"), max_length=50, blank=True
    )
    # sha256 of email, treatment and message: finds a double submission.
    fingerprint = models.CharField(max_length=64, editable=False)
    # Which duplicate window the enquiry fell in: with the fingerprint, unique, so that two
    # simultaneous double-submits cannot both insert.
    duplicate_window = models.PositiveBigIntegerField(editable=False)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    coordinator = models.ForeignKey(
        "enquiries.Coordinator",
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enquiries",
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    routed_at = models.DateTimeField(_("routed at"), null=True, blank=True, db_index=True)
    # When routing last found nobody to take it; the sweep tries those least recently tried.
    routing_tried_at = models.DateTimeField(_("routing last tried at"), null=True, blank=True)
    contacted_at = models.DateTimeField(_("contacted at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    # When the clinic's answer is due, in working time (routing/sla.py); empty while the
    # clock is stopped.
    answer_due_at = models.DateTimeField(_("answer due at"), null=True, blank=True, db_index=True)
    treated_on = models.DateField(_("treated on"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    # When it was closed, lost or marked spam: the retention period counts from then.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, db_index=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-created_at"]
        permissions = [("manage_enquiries", "Can see and reassign every enquiry")]
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint", "duplicate_window"], name="one_enquiry_per_double_submit"
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def accepts_commercial_messages(self) -> bool:
        return self.commercial_consent_at is not None

    @property
    def first_name(self) -> str:
        return self.full_name.split()[0] if self.full_name.split() else self.full_name


class EnquiryEvent(models.Model):
    """One line of an enquiry's history: who did what, when, and why."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Assigned")
        REASSIGNED = "reassigned", _("Reassigned")
        UNASSIGNED = "unassigned", _("Left unassigned")
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Note")
        ESCALATED = "escalated", _("Escalated")
        EMAIL = "email", _("Email sent")
        EMAIL_RESENT = "email_resent", _("Email resent")
        EMAIL_CANCELLED = "email_cancelled", _("Email cancelled")
        ANONYMISED = "anonymised", _("Anonymised")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed from follow-up emails")
        REPLY_SENT = "reply_sent", _("Reply sent")
        REPLY_RECEIVED = "reply_received", _("Patient replied")
        QUOTED = "quoted", _("Quote sent")

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    coordinator = models.ForeignKey(
        "enquiries.Coordinator", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    # What staff typed (a note, a reason); what the system knows goes in `data`.
    text = models.TextField(_("details"), blank=True)
    # Facts behind a system event (a routing decision, an SLA...), worded in the reader's
    # language when shown (admin/history.py): never sentences in one language.
    data = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("enquiry event")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"
