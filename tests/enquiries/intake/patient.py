"""A patient sending the enquiry form, for the intake tests."""

from django.urls import reverse
from django.utils import translation

from pages.models import TreatmentPage
from tests.enquiries.factories import days_from_today


def botox(language="en"):
    source = TreatmentPage.objects.get(locale__language_code="en", slug="botox")
    return TreatmentPage.objects.get(
        locale__language_code=language, translation_key=source.translation_key
    )


def valid_data(page, **changes):
    data = {
        "page": page.pk,
        "full_name": "Leila Ahmadi",
        "email": "leila@example.com",
        "phone": "+49 30 901820",
        "uses_whatsapp": "on",
        "country": "DE",
        "language": page.locale.language_code,
        "treatment": page.pk if isinstance(page, TreatmentPage) else "",
        "travel_from": days_from_today(30).isoformat(),
        "travel_to": days_from_today(34).isoformat(),
        "message": "How many sessions would I need?",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post(client, page, headers=None, **changes):
    """Send the form from `page`, with `changes` to the valid data (None leaves a field out)."""
    path = "/" + page.locale.language_code + "/" + _submit_path(page)
    return client.post(path, valid_data(page, **changes), headers=headers)


def _submit_path(page):
    with translation.override(page.locale.language_code):
        return reverse("enquiries:submit").split("/", 2)[2]
