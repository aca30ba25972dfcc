"""A patient asks what the clinic holds about them, or asks for it to be erased (KVKK art. 11,
GDPR art. 15 and 17). Both find the patient by email address, and both are logged.

Erasure deletes the patient's enquiries with their history and emails, and any other email
sent to the address. A suppression (the address bounced, or its owner complained) is kept as
the address's digest only, so that the clinic still never writes to it.
"""

from django.db import transaction
from django.db.models import Q
from django.forms.models import model_to_dict
from django.utils import timezone

from ..models import Enquiry, EnquiryPhoto, InboundAttachment, OutgoingEmail, Suppression
from . import access_log, retention

ENQUIRY_FIELDS = [
    "reference",
    "full_name",
    "email",
    "phone",
    "uses_whatsapp",
    "country",
    "language",
    "travel_from",
    "travel_to",
    "message",
    "consent_at",
    "privacy_notice_version",
    "commercial_consent_at",
    "commercial_notice_version",
    "status",
    "assigned_at",
    "contacted_at",
    "treated_on",
    "unsubscribed_at",
    "closed_at",
    "created_at",
]
EMAIL_FIELDS = [
    "kind",
    "recipient",
    "language",
    "subject",
    "body_text",
    "status",
    "due_at",
    "sent_at",
    "delivery",
]


def enquiries_of(address: str):
    return Enquiry.objects.filter(email__iexact=address.strip())


def emails_to(address: str):
    """Emails about the patient's enquiries, or to the address (alerts included)."""
    return OutgoingEmail.objects.filter(
        Q(enquiry__in=enquiries_of(address)) | Q(recipient__iexact=address.strip())
    )


def summary(address: str) -> dict:
    return {
        "enquiries": enquiries_of(address).count(),
        "emails": emails_to(address).count(),
        "suppressed": Suppression.is_suppressed(address),
    }


def export(address: str, user) -> dict:
    """Everything stored about the patient, as plain JSON-able data; logged."""
    enquiries = list(enquiries_of(address).select_related("treatment", "coordinator__user"))
    others = emails_to(address).exclude(enquiry__in=enquiries).prefetch_related("events")
    data = {
        "address": address.strip(),
        "exported_at": timezone.now(),
        "enquiries": [enquiry_data(enquiry) for enquiry in enquiries],
        "other_emails": [email_data(email) for email in others],
        "suppressed": Suppression.is_suppressed(address),
    }
    access_log.record(
        user,
        access_log.Action.EXPORTED,
        subject_digest=Suppression.digest(address),
        detail=f"{len(enquiries)} enquiries",
    )
    access_log.record_many(user, access_log.Action.EXPORTED, enquiries, detail="subject access")
    return data


def enquiry_data(enquiry: Enquiry) -> dict:
    data = model_to_dict(enquiry, fields=ENQUIRY_FIELDS)
    data |= {
        "phone": str(enquiry.phone),
        "country": str(enquiry.country),
        "treatment": enquiry.treatment.title if enquiry.treatment else None,
        "coordinator": str(enquiry.coordinator) if enquiry.coordinator else None,
        "history": [
            {
                "at": event.created_at,
                "kind": event.kind,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "text": event.text,
            }
            for event in enquiry.events.all()
        ],
        "emails": [email_data(email) for email in enquiry.emails.prefetch_related("events")],
        "photos": [
            {"sent_at": photo.created_at, "width": photo.width, "height": photo.height}
            for photo in enquiry.photos.all()
        ],
        "messages_from_the_patient": [
            {
                "received_at": message.received_at,
                "from": message.from_address,
                "subject": message.subject,
                "text": message.body_text,
                "attachments": [
                    {"file_name": attachment.filename, "size": attachment.size}
                    for attachment in message.attachments.all()
                ],
            }
            for message in enquiry.inbound_messages.prefetch_related("attachments")
        ],
    }
    return data


def email_data(email: OutgoingEmail) -> dict:
    data = model_to_dict(email, fields=EMAIL_FIELDS)
    data["reports"] = [
        {"at": event.occurred_at, "event": event.event, "details": event.description}
        for event in email.events.all()
    ]
    return data


@transaction.atomic
def erase(address: str, user) -> dict:
    """Delete what is stored about the patient; what was deleted, by count. Logged."""
    digest = Suppression.digest(address)
    enquiries = list(enquiries_of(address).select_for_update())
    emails = emails_to(address)
    counts = {"enquiries": len(enquiries), "emails": emails.count()}
    access_log.record_many(user, access_log.Action.ERASED, enquiries, detail="erasure request")
    access_log.record(
        user,
        access_log.Action.ERASED,
        subject_digest=digest,
        detail=f"{counts['enquiries']} enquiries, {counts['emails']} emails",
    )
    emails.delete()
    ids = [enquiry.pk for enquiry in enquiries]
    retention.delete_attachments(InboundAttachment.objects.filter(message__enquiry__in=ids))
    retention.delete_attachments(EnquiryPhoto.objects.filter(enquiry__in=ids))
    Enquiry.objects.filter(pk__in=[enquiry.pk for enquiry in enquiries]).delete()
    Suppression.objects.filter(address_digest=digest).update(address="")
    return counts
