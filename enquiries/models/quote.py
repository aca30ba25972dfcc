"""A quote to a patient: the treatment, the price in a currency, what is included, and how
long it holds. Sent as a translated email from an editable template (kind "quote")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# ISO 4217 codes a clinic in Turkey quotes international patients in; the default comes
# from the patient's country (messaging/quotes.py) when it is one of these.
CURRENCIES = ["EUR", "USD", "GBP", "TRY", "SAR", "AED", "KWD", "QAR", "RUB", "CHF", "IRR"]
FALLBACK_CURRENCY = "EUR"


class Quote(models.Model):
    enquiry = models.ForeignKey(
        "enquiries.Enquiry", on_delete=models.CASCADE, related_name="quotes"
    )
    treatment = models.ForeignKey(
        "pages.TreatmentPage",
        verbose_name=_("treatment"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2)
    currency = models.CharField(
        _("currency"), max_length=3, choices=[(code, code) for code in CURRENCIES]
    )
    nights = models.PositiveSmallIntegerField(_("hotel nights included"), default=0)
    transfers = models.BooleanField(_("transfers included"), default=False)
    interpreter = models.BooleanField(_("interpreter included"), default=False)
    also_included = models.TextField(
        _("also included"), blank=True, help_text=_("One item per line, in the patient's language.")
    )
    valid_until = models.DateField(_("valid until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.OneToOneField(
        "enquiries.OutgoingEmail", null=True, on_delete=models.SET_NULL, related_name="quote"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quote")

    def __str__(self):
        return f"{self.price} {self.currency}"
