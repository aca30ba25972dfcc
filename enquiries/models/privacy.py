"""The access log: who opened, changed, exported or erased which patient's data, and when.

KVKK and GDPR ask the clinic to show who had access to health data. Entries outlive what
they name (an erased enquiry keeps its reference here) and are deleted after
ACCESS_LOG_RETENTION_MONTHS by the daily privacy task.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        VIEWED = "viewed", _("Opened")
        CHANGED = "changed", _("Changed")
        EXPORTED = "exported", _("Exported")
        ERASED = "erased", _("Erased")
        ANONYMISED = "anonymised", _("Anonymised")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as written: the user may be deleted later, and the system acts as nobody.
    username = models.CharField(_("by"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    enquiry = models.ForeignKey(
        "enquiries.Enquiry",
        verbose_name=_("enquiry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reference = models.CharField(_("reference"), max_length=12, blank=True)
    # For requests about a patient (export, erasure): the digest of their address, not it.
    subject_digest = models.CharField(_("patient (digest)"), max_length=64, blank=True)
    detail = models.CharField(_("details"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.username or '-'} {self.action} {self.reference} ({self.at:%Y-%m-%d %H:%M})"
