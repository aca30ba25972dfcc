"""Recording and sending a quote from the enquiry's page."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from pages.models import TreatmentPage

from ..messaging import quotes
from ..messaging.composer import MissingTemplate
from ..models import Enquiry, Quote
from ..privacy import access_log
from ..routing import handling
from .conversation import own_enquiry

VALID_FOR = timedelta(days=30)


class QuoteForm(forms.ModelForm):
    class Meta:
        model = Quote
        fields = [
            "treatment",
            "price",
            "currency",
            "nights",
            "transfers",
            "interpreter",
            "also_included",
            "valid_until",
        ]
        widgets = {
            "valid_until": forms.DateInput(attrs={"type": "date"}),
            "also_included": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, enquiry: Enquiry, **kwargs):
        super().__init__(*args, **kwargs)
        # Treatments by their name in the site's main language; the email uses the
        # patient's.
        self.fields["treatment"].queryset = TreatmentPage.objects.live().filter(
            locale__language_code="en"
        )
        if enquiry.treatment_id and not self.is_bound:
            self.initial["treatment"] = (
                TreatmentPage.objects.filter(
                    translation_key=enquiry.treatment.translation_key, locale__language_code="en"
                )
                .values_list("pk", flat=True)
                .first()
            )
        self.initial.setdefault("currency", quotes.default_currency(enquiry.country.code))
        self.initial.setdefault("valid_until", timezone.localdate() + VALID_FOR)

    def clean_price(self):
        price = self.cleaned_data["price"]
        if price <= 0:
            raise forms.ValidationError(gettext("The price must be more than zero."))
        return price

    def clean_valid_until(self):
        valid_until = self.cleaned_data["valid_until"]
        if valid_until < timezone.localdate():
            raise forms.ValidationError(gettext("A quote cannot end in the past."))
        return valid_until


@require_POST
def send_quote(request, pk):
    enquiry = own_enquiry(request, pk)
    form = QuoteForm(request.POST, enquiry=enquiry)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("enquiries_admin:detail", pk=enquiry.pk)
    quote = form.save(commit=False)
    quote.enquiry = enquiry
    try:
        handling.send_quote(quote, request.user)
    except MissingTemplate:
        messages.error(request, gettext("An editor must first write the Quote email template."))
        return redirect("enquiries_admin:detail", pk=enquiry.pk)
    access_log.record(request.user, access_log.Action.CHANGED, enquiry, detail="quote")
    messages.success(request, gettext("The quote is on its way to the patient."))
    return redirect("enquiries_admin:detail", pk=enquiry.pk)
