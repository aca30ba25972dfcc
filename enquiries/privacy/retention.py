"""Retention: an enquiry closed, lost or spam for longer than ENQUIRY_RETENTION_MONTHS is
anonymised. What identifies the patient or describes their health goes (name, contacts,
message, notes, the emails' addresses and bodies, the providers' reports); what the clinic's
statistics need stays (country, language, treatment, status, dates, the history's steps).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import (
    EmailEvent,
    Enquiry,
    EnquiryEvent,
    EnquiryPhoto,
    InboundAttachment,
    InboundMessage,
    OutgoingEmail,
)
from . import access_log

BATCH = 500


def expired(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=30 * settings.ENQUIRY_RETENTION_MONTHS)
    return Enquiry.objects.filter(
        status__in=Enquiry.CLOSED_STATUSES, closed_at__lt=cutoff, anonymised_at__isnull=True
    )


def anonymise_expired(now=None) -> int:
    """Anonymise every expired enquiry, in batches; how many were."""
    count = 0
    while ids := list(expired(now).values_list("pk", flat=True)[:BATCH]):
        count += anonymise(ids)
    return count


@transaction.atomic
def anonymise(enquiry_ids) -> int:
    now = timezone.now()
    enquiries = list(
        Enquiry.objects.select_for_update().filter(pk__in=enquiry_ids, anonymised_at__isnull=True)
    )
    ids = [enquiry.pk for enquiry in enquiries]
    Enquiry.objects.filter(pk__in=ids).update(
        full_name="",
        email="",
        phone="",
        uses_whatsapp=False,
        message="",
        fingerprint="",
        anonymised_at=now,
    )
    EnquiryEvent.objects.filter(enquiry_id__in=ids).update(text="")
    emails = OutgoingEmail.objects.filter(enquiry_id__in=ids)
    EmailEvent.objects.filter(email__in=emails).update(description="")
    emails.update(recipient="", subject="", body_text="", body_html="", error="")
    InboundMessage.objects.filter(enquiry_id__in=ids).update(
        from_address="", subject="", body_text=""
    )
    delete_attachments(InboundAttachment.objects.filter(message__enquiry_id__in=ids))
    delete_attachments(EnquiryPhoto.objects.filter(enquiry_id__in=ids))
    EnquiryEvent.objects.bulk_create(
        EnquiryEvent(enquiry_id=pk, kind=EnquiryEvent.Kind.ANONYMISED) for pk in ids
    )
    access_log.record_many(None, access_log.Action.ANONYMISED, enquiries, detail="retention")
    return len(ids)


def delete_attachments(attachments) -> int:
    """Patients' files, from the disk and then their rows."""
    count = 0
    for attachment in attachments:
        attachment.file.delete(save=False)
        attachment.delete()
        count += 1
    return count
