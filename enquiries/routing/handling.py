"""What coordinators and managers do with an enquiry once it is assigned: move it through
its statuses, with the patient emails each move sets off or cancels, add notes, and write to
the patient and hear back. Every step is a line of the enquiry's history."""

from django.db import transaction
from django.utils import timezone

from ..messaging import conversation, followups, notifications, quotes
from ..models import Enquiry, EnquiryEvent, InboundMessage, OutgoingEmail, Quote
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


# Statuses a patient's reply moves to "patient replied": the conversation before a booking.
# Booked and treated enquiries keep their status (the reply is in the timeline and the
# coordinator is told); a reply to one marked spam is kept and nobody is told.
REPLY_REOPENS = (
    Enquiry.Status.ASSIGNED,
    Enquiry.Status.CONTACTED,
    Enquiry.Status.WAITING,
    Enquiry.Status.QUOTED,
)
# After the coordinator writes: a first contact is made, or the patient's reply is answered.
AFTER_REPLY = {Enquiry.Status.ASSIGNED: Enquiry.Status.CONTACTED}
AFTER_REPLY[Enquiry.Status.REPLIED] = Enquiry.Status.WAITING


def send_reply(enquiry_id: int, subject: str, body: str, actor) -> OutgoingEmail:
    """A coordinator writes to the patient from the enquiry's page; it goes through the
    outbox, is in the timeline, and stops the answer clock."""
    with transaction.atomic():
        enquiry = (
            Enquiry.objects.select_for_update(of=("self",))
            .select_related("treatment", "coordinator__user")
            .get(pk=enquiry_id)
        )
        email = conversation.queue_written(enquiry, OutgoingEmail.Kind.REPLY, subject, body, actor)
        EnquiryEvent.objects.create(
            enquiry=enquiry,
            kind=EnquiryEvent.Kind.REPLY_SENT,
            actor=actor,
            data={"email_id": email.pk},
        )
        if (status := AFTER_REPLY.get(enquiry.status)) is not None:
            change_status(enquiry.pk, status, actor)
    return email


def receive_reply(message, provider: str, event_id: str | None) -> InboundMessage | None:
    """A patient's message from the provider's inbound webhook: kept on its enquiry (once,
    however often the webhook is delivered), the answer clock restarted, the coordinator
    told."""
    stored = conversation.store(message, provider, event_id)
    if stored is None or not stored.created:
        return stored.message if stored else None
    inbound = stored.message
    with transaction.atomic():
        enquiry = (
            Enquiry.objects.select_for_update(of=("self",))
            .select_related("coordinator__user")
            .get(pk=inbound.enquiry_id)
        )
        EnquiryEvent.objects.create(
            enquiry=enquiry, kind=EnquiryEvent.Kind.REPLY_RECEIVED, data={"message": inbound.pk}
        )
        if enquiry.status in REPLY_REOPENS:
            change_status(enquiry.pk, Enquiry.Status.REPLIED, actor=None)
        if enquiry.status != Enquiry.Status.SPAM:
            notifications.notify_patient_replied(enquiry)
    return inbound


def send_quote(quote: Quote, actor) -> Quote:
    """Save a coordinator's quote, email it to the patient and mark the enquiry quoted."""
    with transaction.atomic():
        enquiry = (
            Enquiry.objects.select_for_update(of=("self",))
            .select_related("treatment", "coordinator__user")
            .get(pk=quote.enquiry_id)
        )
        quote.enquiry, quote.created_by = enquiry, actor
        quote.save()
        quote.email = quotes.queue_quote(quote, actor)
        quote.save(update_fields=["email"])
        EnquiryEvent.objects.create(
            enquiry=enquiry,
            kind=EnquiryEvent.Kind.QUOTED,
            actor=actor,
            data={"quote": quote.pk, "price": str(quote.price), "currency": quote.currency},
        )
        if enquiry.status != Enquiry.Status.QUOTED:
            change_status(enquiry.pk, Enquiry.Status.QUOTED, actor)
    return quote
