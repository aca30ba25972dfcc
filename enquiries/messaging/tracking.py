"""What the email provider reports after sending (anymail's normalised tracking events).

Each event is matched to its outbox row by the id we gave the provider in the message's
metadata, else by the provider's message id; it is kept in the email's timeline, and
bounces and complaints put the address on the suppression list and cancel what is pending.
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
        if event.event_type in OutgoingEmail.Delivery.values and email.delivery not in FINAL:
            email.delivery = event.event_type
            email.save(update_fields=["delivery"])
    return recorded
