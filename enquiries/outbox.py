"""Sending the outbox: emails are claimed, sent, and their outcome recorded.

At most once: a worker first commits its claim on a batch (status "sending"), then talks to
the provider, then records each outcome. A retried task finds nothing pending to claim; a
worker that dies mid-send leaves its claim behind, and the sweep marks those emails failed
(outcome unknown) for a person to check instead of sending them a second time.
Transient provider errors put the email back in the queue with a growing delay; a refused
recipient is not retried.
"""

import logging
from datetime import timedelta

from anymail.exceptions import AnymailInvalidAddress, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import notifications
from .models import OutgoingEmail

logger = logging.getLogger(__name__)

REFUSED = (AnymailRecipientsRefused, AnymailInvalidAddress)
RECORD_EVERY = 10
OUTCOME_FIELDS = [
    "subject",
    "body_text",
    "status",
    "provider_message_id",
    "sent_at",
    "error",
    "due_at",
]
# Kinds whose text is rendered at sending time: kind -> function(email) -> (subject, text).
RENDERERS = {
    OutgoingEmail.Kind.COORDINATOR_ASSIGNED: notifications.coordinator_assigned_content,
}


def send_outgoing_emails(email_ids: list[int]) -> int:
    """Send those of `email_ids` that are pending and due; the number sent."""
    emails = claim(email_ids)
    if not emails:
        return 0
    connection = get_connection()
    with connection:
        # Outcomes are recorded a few at a time (one commit each), so a worker dying
        # mid-batch leaves at most that many in doubt.
        for start in range(0, len(emails), RECORD_EVERY):
            chunk = emails[start : start + RECORD_EVERY]
            for email in chunk:
                _send(email, connection)
            with transaction.atomic():
                for email in chunk:
                    OutgoingEmail.objects.filter(pk=email.pk).update(
                        **{field: getattr(email, field) for field in OUTCOME_FIELDS}
                    )
    return sum(email.status == OutgoingEmail.Status.SENT for email in emails)


def claim(email_ids: list[int]) -> list[OutgoingEmail]:
    """Mark the pending, due emails among `email_ids` as being sent by this worker."""
    now = timezone.now()
    with transaction.atomic():
        emails = list(
            OutgoingEmail.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(pk__in=email_ids, status=OutgoingEmail.Status.PENDING, due_at__lte=now)
            .select_related("enquiry__treatment", "coordinator__user")
            .order_by("pk")
        )
        OutgoingEmail.objects.filter(pk__in=[e.pk for e in emails]).update(
            status=OutgoingEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    for email in emails:
        email.status, email.claimed_at, email.attempts = "sending", now, email.attempts + 1
    return emails


def build_message(email: OutgoingEmail, connection=None) -> EmailMessage:
    return EmailMessage(
        subject=email.subject, body=email.body_text, to=[email.recipient], connection=connection
    )


def _send(email: OutgoingEmail, connection) -> None:
    try:
        if not email.subject:
            email.subject, email.body_text = RENDERERS[email.kind](email)
        message = build_message(email, connection)
        message.send()
    except REFUSED as error:
        email.status = OutgoingEmail.Status.FAILED
        email.error = _describe(error)
        logger.info("Email %s refused by the provider.", email.pk)
        return
    except Exception as error:  # transient until proven otherwise: retry later
        email.error = _describe(error)
        if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
            email.status = OutgoingEmail.Status.FAILED
        else:
            email.status = OutgoingEmail.Status.PENDING
            email.due_at = timezone.now() + retry_delay(email.attempts)
        logger.warning("Email %s not sent (attempt %s).", email.pk, email.attempts)
        return
    status = getattr(message, "anymail_status", None)
    message_id = status.message_id if status else None
    email.provider_message_id = "" if message_id is None else str(message_id)
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.error = ""


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8... minutes, at most six hours."""
    return timedelta(minutes=min(2 ** (attempts - 1), 360))


def _describe(error: Exception) -> str:
    # The class and the provider's reason; message bodies never reach the log or the row.
    return f"{type(error).__name__}: {error}"[:1000]


def due_email_ids(limit: int = 5000) -> list[int]:
    return list(
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.PENDING, due_at__lte=timezone.now()
        )
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )


def fail_abandoned_claims(older_than: timedelta = timedelta(minutes=15)) -> int:
    """Emails claimed by a worker that never recorded the outcome (it died mid-send).

    The provider may or may not have accepted them, so they are not sent again: they are
    marked failed, visibly, for a person to check."""
    cutoff = timezone.now() - older_than
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, claimed_at__lt=cutoff
    ).update(
        status=OutgoingEmail.Status.FAILED,
        error="Worker stopped while sending; the provider may or may not have accepted it.",
    )
