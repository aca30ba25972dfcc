"""Enquiries, the coordinators who handle them, their history, the email outbox and the
templates of the patient emails, and the access log."""

from .clinic_hours import ClinicHours, Holiday, WorkingPeriod
from .conversation import Channel, InboundAttachment, InboundMessage, SavedReply
from .coordinator import Coordinator, CoordinatorHours
from .email import EmailEvent, OutgoingEmail, Suppression
from .email_template import EmailTemplate, FollowUpKind
from .enquiry import Enquiry, EnquiryEvent
from .photo import EnquiryPhoto
from .privacy import AccessLogEntry
from .quote import Quote

__all__ = [
    "AccessLogEntry",
    "Channel",
    "ClinicHours",
    "Coordinator",
    "CoordinatorHours",
    "EmailEvent",
    "EmailTemplate",
    "Enquiry",
    "EnquiryEvent",
    "EnquiryPhoto",
    "FollowUpKind",
    "Holiday",
    "InboundAttachment",
    "InboundMessage",
    "OutgoingEmail",
    "Quote",
    "SavedReply",
    "Suppression",
    "WorkingPeriod",
]
