import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from phonenumber_field.formfields import PhoneNumberField

from pages.models import TreatmentPage

from . import photos
from .widgets import FastCountrySelect

MESSAGE_MAX_LENGTH = 5000
TRAVEL_YEARS_AHEAD = 3
# Control characters (line breaks among them), line and paragraph separators, and the
# direction overrides and isolates: in a name they add lines to the coordinator's email, or
# make text display in another order than it is stored. Joiners (U+200C, needed in Persian)
# and direction marks (U+200E/F) are allowed.
FORGING_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def validate_single_line(value: str) -> None:
    if FORGING_CHARACTERS.search(value):
        raise ValidationError(
            _("Please use only letters, numbers, spaces and punctuation on this line."),
            code="forging_characters",
        )


def years_after(day, years: int):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class DateInput(forms.DateInput):
    input_type = "date"


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Optional photos; each checked by its content and cleaned of metadata (photos.py)."""

    widget = MultiplePhotoInput

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data or []) if upload]
        return photos.clean_all(uploads)


class TreatmentChoiceField(forms.ModelChoiceField):
    """A live treatment of the form's language. Only a submitted choice needs checking:
    pages list the choices themselves (treatment_choices), from a query they make anyway;
    and the page the form was sent from (`known`, checked live in this language by the
    view), the usual choice, needs no query."""

    known = None
    language_code = None

    def to_python(self, value):
        if self.known is not None and str(value) == str(self.known.pk):
            return self.known
        if self.language_code and value not in self.empty_values:
            self.queryset = (
                TreatmentPage.objects.live()
                .filter(locale__language_code=self.language_code)
                .only("id", "title")
            )
        return super().to_python(value)


class EnquiryForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        validators=[validate_single_line],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneNumberField(
        label=_("Phone"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("In international format, starting with + and your country code."),
        error_messages={
            "invalid": _(
                "Enter a valid phone number in international format, e.g. +44 20 7946 0958."
            )
        },
    )
    uses_whatsapp = forms.BooleanField(label=_("I use WhatsApp on this number"), required=False)
    # A plain field checked against the country codes: a ChoiceField would copy ~250 choices
    # into every form instance.
    country = forms.CharField(label=_("Country of residence"), widget=FastCountrySelect)
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    treatment = TreatmentChoiceField(
        label=_("Treatment"), queryset=TreatmentPage.objects.none(), required=False
    )
    travel_from = forms.DateField(label=_("Travel from"), required=False, widget=DateInput)
    travel_to = forms.DateField(label=_("Travel to"), required=False, widget=DateInput)
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _(
                "Please shorten your message to %(limit_value)d characters (it has "
                "%(show_value)d). A coordinator will ask for any details they need."
            )
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the clinic processes the health information in this enquiry to "
            "answer it, as described in the privacy notice."
        ),
        error_messages={"required": _("We can only answer your enquiry with your consent.")},
    )
    # Commercial messages need their own consent (law 6563), never bundled with the first.
    commercial_consent = forms.BooleanField(
        label=_(
            "Optional: I agree to receive emails from the clinic reminding me when a "
            "follow-up treatment is due. I can stop them at any time."
        ),
        required=False,
    )
    # Honeypot: hidden from people by CSS, filled in by bots.
    photos = PhotosField(
        label=_("Photos (optional)"),
        required=False,
        help_text=_(
            "Up to 5 photos of the area to treat (JPEG, PNG or WebP, at most 10 MB each). Only "
            "your coordinator and the clinic's doctors see them."
        ),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, language_code: str, offline: bool = False, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = language_code
        if offline:
            # The database is down (views.receive_without_database): the treatment's id is
            # kept as given and checked when the spooled enquiry is saved; photos, too large
            # for the spool, can be sent later by replying to the coordinator's email.
            del self.fields["photos"]
            self.fields["treatment"] = forms.IntegerField(
                label=self.fields["treatment"].label, required=False, min_value=1
            )
        elif self.is_bound:
            self.fields["treatment"].language_code = language_code
            self.fields["treatment"].known = page

    def clean_country(self):
        code = self.cleaned_data["country"].upper()
        if not countries.alpha2(code):
            raise forms.ValidationError(_("Choose your country from the list."))
        return code

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        start, end = cleaned.get("travel_from"), cleaned.get("travel_to")
        if start and start < today:
            self.add_error("travel_from", _("The travel dates cannot be in the past."))
        if end and end < today:
            self.add_error("travel_to", _("The travel dates cannot be in the past."))
        latest = years_after(today, TRAVEL_YEARS_AHEAD)
        for name, day in (("travel_from", start), ("travel_to", end)):
            if day and day > latest:
                self.add_error(name, _("The travel dates can be at most three years ahead."))
        if start and end and end < start:
            self.add_error("travel_to", _("The end of the travel window must be after its start."))
        if end and not start:
            self.add_error("travel_from", _("Give the start of your travel window too."))
        return cleaned
