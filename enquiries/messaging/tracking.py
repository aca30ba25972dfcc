"""What the email provider reports after sending (anymail's normalised tracking events).

Each event is matched to its outbox row by the id we gave the provider in the message's
metadata, else by the provider's message id; it is kept in the email's timeline, and
hard bounces and complaints put the address on the suppression list and cancel what is
pending (a soft bounce is only recorded: the mailbox was full, or the server busy). A replayed
event (the provider's retry, or a captured request sent again) is recognised by its key and
changes nothing.

An event also settles an email whose sending outcome was unknown (in doubt, or still claimed
by a worker that died): the provider has it, so it was sent; or, for a rejection, it failed.
"""

import hashlib
import logging
import re

from anymail.signals import AnymailTrackingEvent
from django.db import IntegrityError, transaction
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
# anymail reports these providers' soft bounces as "bounced"; their own payload tells which
# bounces are for good. (Mailgun's temporary failures already arrive as "deferred".)
HARD_BOUNCE = {
    "Postmark": lambda raw: raw.get("Type") == "HardBounce",
    "Brevo": lambda raw: raw.get("event") in {"hard_bounce", "invalid_email"},
    "Mailjet": lambda raw: raw.get("hard_bounce") is True,
}
EMAIL_ID = re.compile(r"[0-9]{1,18}")


def email_for(event: AnymailTrackingEvent) -> OutgoingEmail | None:
    email_id = str((event.metadata or {}).get("email_id", ""))
    if EMAIL_ID.fullmatch(email_id):
        email = OutgoingEmail.objects.filter(pk=int(email_id)).first()
        if email is not None:
            return email
    if event.message_id:
        return OutgoingEmail.objects.filter(provider_message_id=str(event.message_id)).first()
    return None


def is_soft_bounce(event: AnymailTrackingEvent, esp_name: str) -> bool:
    is_hard = HARD_BOUNCE.get(esp_name)
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    return event.event_type == "bounced" and is_hard is not None and not is_hard(raw)


def event_key(event: AnymailTrackingEvent, esp_name: str) -> str:
    """The same for every copy of one event: the provider's event id where it gives one,
    else what the event says (Postmark's deliveries and Brevo's events carry no id)."""
    if event.event_id:
        parts = [esp_name, "id", str(event.event_id)]
    else:
        timestamp = event.timestamp.isoformat() if event.timestamp else ""
        parts = [esp_name, event.event_type, str(event.message_id), str(event.recipient)]
        parts.append(timestamp)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def record(event: AnymailTrackingEvent, esp_name: str) -> EmailEvent | None:
    key = event_key(event, esp_name)
    try:
        with transaction.atomic():
            return record_once(event, esp_name, key)
    except IntegrityError:
        # The same event arrived twice at once; the other copy recorded it.
        if EmailEvent.objects.filter(event_key=key).exists():
            return None
        raise


def record_once(event: AnymailTrackingEvent, esp_name: str, key: str) -> EmailEvent | None:
    if EmailEvent.objects.filter(event_key=key).exists():
        logger.info("Tracking event %s received again; ignored.", event.event_type)
        return None
    email = email_for(event)
    soft_bounce = is_soft_bounce(event, esp_name)
    reason = None if soft_bounce else SUPPRESSING.get(event.event_type)
    if reason and (address := event.recipient or (email and email.recipient)):
        Suppression.add(address, reason)
        followups.cancel_pending_to(address, f"address {event.event_type}")
    if email is None:
        logger.info("Tracking event %s for an unknown message.", event.event_type)
        return None
    description = event.description or event.reject_reason or event.mta_response or ""
    recorded = EmailEvent.objects.create(
        email=email,
        event="soft_bounce" if soft_bounce else event.event_type,
        event_key=key,
        occurred_at=event.timestamp or timezone.now(),
        description=str(description)[:500],
    )
    delivery = OutgoingEmail.Delivery.DEFERRED if soft_bounce else event.event_type
    fields = []
    if email.status in UNSETTLED:
        fields += settle(email, event)
    if delivery in OutgoingEmail.Delivery.values and email.delivery not in FINAL:
        email.delivery = delivery
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
