"""An enquiry's history worded in the reader's admin language.

Events store facts (`EnquiryEvent.data`, status codes), not sentences, so a Turkish
coordinator and an English manager each read the same line in their own language. Events
written before the facts were stored keep their English text, shown as it was.
"""

from decimal import Decimal

from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from pages.models import TreatmentCategory

from ..messaging import quotes
from ..models import Enquiry, EnquiryEvent, OutgoingEmail


def language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def status_label(code: str) -> str:
    return str(Enquiry.Status(code).label) if code in Enquiry.Status.values else code


def _choice_label(choices, code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


def _routing(data: dict) -> str:
    parts = []
    if data.get("previous"):
        parts.append(_("from %(coordinator)s") % {"coordinator": data["previous"]})
    if "wanted" in data and "language" in data:
        parts.append(
            _("nobody available speaks %(language)s: fallback language")
            % {"language": language_name(data["wanted"])}
        )
    if "language" in data:
        parts.append(
            _("speaks %(language)s, %(open)s of %(capacity)s open enquiries")
            % {
                "language": language_name(data["language"]),
                "open": data["open"],
                "capacity": data["capacity"],
            }
        )
    if data.get("specialty"):
        parts.append(
            _("specialty: %(specialty)s")
            % {"specialty": _choice_label(TreatmentCategory, data["specialty"])}
        )
    return "; ".join(parts)


def describe(event: EnquiryEvent) -> str:
    """What happened, in the active language, without the event's kind (shown apart)."""
    data, kind = event.data or {}, event.kind
    if kind == EnquiryEvent.Kind.STATUS:
        return f"{status_label(event.from_status)} → {status_label(event.to_status)}"
    if not data:
        return ""
    if kind in (EnquiryEvent.Kind.ASSIGNED, EnquiryEvent.Kind.REASSIGNED):
        return _routing(data)
    if kind == EnquiryEvent.Kind.UNASSIGNED:
        return _("no available coordinator speaking %(language)s or %(fallback)s has room") % {
            "language": language_name(data["wanted"]),
            "fallback": language_name(data["fallback"]),
        }
    if kind == EnquiryEvent.Kind.ESCALATED:
        return _("not contacted within %(hours)s working hours by %(coordinator)s") % {
            "hours": data["sla_hours"],
            "coordinator": data.get("late") or _("nobody"),
        }
    if kind in (EnquiryEvent.Kind.EMAIL_RESENT, EnquiryEvent.Kind.EMAIL_CANCELLED):
        return _("%(email)s, was %(status)s") % {
            "email": _choice_label(OutgoingEmail.Kind, data["email_kind"]),
            "status": _choice_label(OutgoingEmail.Status, data["was"]),
        }
    if kind == EnquiryEvent.Kind.QUOTED:
        return quotes.price_in(Decimal(data["price"]), data["currency"], get_language())
    if kind == EnquiryEvent.Kind.RECEIVED:
        return _("sent from the %(language)s page") % {
            "language": language_name(data["page_language"])
        }
    return ""


def timeline(events) -> list[dict]:
    """Each event with its line in the reader's language and what staff typed, apart."""
    return [{"event": event, "description": describe(event)} for event in events]
