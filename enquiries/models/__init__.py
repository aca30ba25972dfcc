"""Enquiries, the coordinators who handle them, their history, the email outbox and the
templates of the patient emails."""

from .coordinator import Coordinator
from .email import EmailEvent, OutgoingEmail, Suppression
from .email_template import EmailTemplate, FollowUpKind
from .enquiry import Enquiry, EnquiryEvent

__all__ = [
    "Coordinator",
    "EmailEvent",
    "EmailTemplate",
    "Enquiry",
    "EnquiryEvent",
    "FollowUpKind",
    "OutgoingEmail",
    "Suppression",
]
