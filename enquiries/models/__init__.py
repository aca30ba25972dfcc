"""Enquiries, the coordinators who handle them, their history and the email outbox."""

from .coordinator import Coordinator
from .email import OutgoingEmail
from .enquiry import Enquiry, EnquiryEvent

__all__ = ["Coordinator", "Enquiry", "EnquiryEvent", "OutgoingEmail"]
