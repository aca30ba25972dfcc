"""What coordinators and managers do with an enquiry once it is assigned: move it through
its statuses, with the patient emails each move sets off or cancels, and add notes. Every
step is a line of the enquiry's history."""

from django.db import transaction
from django.utils import timezone

from ..messaging import followups
from ..models import Enquiry, EnquiryEvent
from . import clock


def change_status(enquiry_id: int, status: str, actor, note: str = "", treated_on=None) -> Enquiry:
    """Set a new status; marking it treated records the treatment date (default today) and
    schedules aftercare; closing it (closed, lost, spam) cancels the pending emails."""
    with transaction.atomic():
        enquiry = (
            Enquiry.objects.select_for_update(of=("self",))
            .select_related("treatment")
            .get(pk=enquiry_id)
        )
        if enquiry.status == status:
            return enquiry
        previous = enquiry.status
        enquiry.status = status
        fields = ["status"]
        if status == Enquiry.Status.CONTACTED and not enquiry.contacted_at:
            enquiry.contacted_at = timezone.now()
            fields.append("contacted_at")
        if status == Enquiry.Status.TREATED:
            enquiry.treated_on = treated_on or timezone.localdate()
            fields.append("treated_on")
        # The retention period counts from the last time it was closed; reopening stops it.
        enquiry.closed_at = timezone.now() if status in Enquiry.CLOSED_STATUSES else None
        clock.restart_for(enquiry, timezone.now())
        fields += ["closed_at", "answer_due_at"]
        enquiry.save(update_fields=fields)
        if status == Enquiry.Status.TREATED:
            followups.schedule_after_treatment(enquiry)
        elif status in followups.CANCELLING_STATUSES:
            followups.cancel_pending([enquiry.pk], f"status {status}")
        EnquiryEvent.objects.create(
            enquiry=enquiry,
            kind=EnquiryEvent.Kind.STATUS,
            actor=actor,
            from_status=previous,
            to_status=status,
            text=note,
        )
    return enquiry


def add_note(enquiry_id: int, text: str, actor) -> EnquiryEvent:
    return EnquiryEvent.objects.create(
        enquiry_id=enquiry_id, kind=EnquiryEvent.Kind.NOTE, actor=actor, text=text
    )
