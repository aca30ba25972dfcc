"""Links that start a call or a WhatsApp chat with a patient, for the admin and for the
coordinator's notification. WhatsApp's click-to-chat link opens the chat with a greeting
already typed in the patient's language, naming the enquiry's reference."""

from urllib.parse import quote

from django.utils import translation
from django.utils.translation import gettext as _

from ..models import Enquiry


def tel_url(enquiry: Enquiry) -> str:
    return f"tel:{enquiry.phone.as_e164}" if enquiry.phone else ""


def greeting(enquiry: Enquiry, coordinator_name: str) -> str:
    with translation.override(enquiry.language):
        return _(
            "Hello %(first_name)s, this is %(coordinator)s from the clinic's patient team, "
            "about your enquiry %(reference)s."
        ) % {
            "first_name": enquiry.first_name,
            "coordinator": coordinator_name,
            "reference": enquiry.reference,
        }


def whatsapp_url(enquiry: Enquiry, coordinator_name: str = "") -> str:
    """https://wa.me/<digits>?text=<greeting>, or "" for a patient not on WhatsApp."""
    if not (enquiry.uses_whatsapp and enquiry.phone):
        return ""
    digits = enquiry.phone.as_e164.lstrip("+")
    name = coordinator_name or str(enquiry.coordinator or "")
    return f"https://wa.me/{digits}?text={quote(greeting(enquiry, name))}"
