"""What the email provider reports after sending (anymail's normalised tracking events).

Each event is matched to its outbox row by the id we gave the provider in the message's
metadata, else by the provider's message id; it is kept in the email's timeline, and
bounces and complaints put the address on the suppression list and cancel what is pending.

An event also settles an email whose sending outcome was unknown (in doubt, or still claimed
by a worker that died): the provider has it, so it was sent; or, for a rejection, it failed.
"""

import logging

from anymail.signals import AnymailTrackingEvent
from django.db import transaction
from django.utils import timezone

from ..models import EmailEvent, OutgoingEmail, Suppression
from . import followups

logger = logging.getLogger(__name__)

# A later "opened" must not hide that the email bounced.
FINAL = {OutgoingEmail.Delivery.BOUNCED, OutgoingEmail.Delivery.COMPLAINED}
SUPPRESSING = {
    "bounced": Suppression.Reason.BOUNCED,
    "complained": Suppression.Reason.COMPLAINED,
}
UNSETTLED = {
    OutgoingEmail.Status.SENDING,
    OutgoingEmail.Status.IN_DOUBT,
    OutgoingEmail.Status.NEEDS_DECISION,
}
# Events that say the provider did not take the message: anything else says it did.
NOT_TAKEN = {"rejected", "failed", "unknown"}


def email_for(event: AnymailTrackingEvent) -> OutgoingEmail | None:
    email_id = (event.metadata or {}).get("email_id")
    if email_id and str(email_id).isdigit():
        email = OutgoingEmail.objects.filter(pk=int(email_id)).first()
        if email is not None:
            return email
    if event.message_id:
        return OutgoingEmail.objects.filter(provider_message_id=str(event.message_id)).first()
    return None


def record(event: AnymailTrackingEvent) -> EmailEvent | None:
    with transaction.atomic():
        email = email_for(event)
        reason = SUPPRESSING.get(event.event_type)
        if reason and (address := event.recipient or (email and email.recipient)):
            Suppression.add(address, reason)
            followups.cancel_pending_to(address, f"address {event.event_type}")
        if email is None:
            logger.info("Tracking event %s for an unknown message.", event.event_type)
            return None
        description = event.description or event.reject_reason or event.mta_response or ""
        recorded = EmailEvent.objects.create(
            email=email,
            event=event.event_type,
            occurred_at=event.timestamp or timezone.now(),
            description=str(description)[:500],
        )
        fields = []
        if email.status in UNSETTLED:
            fields += settle(email, event)
        if event.event_type in OutgoingEmail.Delivery.values and email.delivery not in FINAL:
            email.delivery = event.event_type
            fields.append("delivery")
        if fields:
            email.save(update_fields=fields)
    return recorded


def settle(email: OutgoingEmail, event: AnymailTrackingEvent) -> list[str]:
    """Set the outcome of an email nobody knew the outcome of; the fields changed."""
    if event.event_type in NOT_TAKEN:
        email.status = OutgoingEmail.Status.FAILED
        email.error = f"The provider reported it {event.event_type}."
        return ["status", "error"]
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = email.sent_at or event.timestamp or timezone.now()
    email.error = ""
    if not email.provider_message_id and event.message_id:
        email.provider_message_id = str(event.message_id)[:255]
    logger.info("Email %s settled as sent by a %s event.", email.pk, event.event_type)
    return ["status", "sent_at", "error", "provider_message_id"]
