"""Sending the outbox (see outbox.py): emails are claimed, sent, and their outcome recorded.

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
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ..models import FollowUpKind, OutgoingEmail, Suppression
from . import notifications
from .composer import Composer, unsubscribe_url

logger = logging.getLogger(__name__)

REFUSED = (AnymailRecipientsRefused, AnymailInvalidAddress)
RECORD_EVERY = 25
OUTCOME_FIELDS = [
    "subject",
    "body_text",
    "body_html",
    "fallback_language",
    "cancel_reason",
    "status",
    "provider_message_id",
    "sent_at",
    "error",
    "due_at",
]


def send_outgoing_emails(email_ids: list[int]) -> int:
    """Send those of `email_ids` that are pending and due; the number sent."""
    emails = claim(email_ids)
    if not emails:
        return 0
    composer = Composer()
    composer.prepare([email.enquiry for email in emails if email.enquiry_id])
    suppressed = Suppression.suppressed_among(email.recipient for email in emails)
    mail_connection = get_connection()
    with mail_connection:
        # Outcomes are recorded a few at a time (one commit each), so a worker dying
        # mid-batch leaves at most that many in doubt.
        for start in range(0, len(emails), RECORD_EVERY):
            chunk = emails[start : start + RECORD_EVERY]
            for email in chunk:
                if _should_cancel(email, suppressed):
                    continue
                _send(email, mail_connection, composer)
            record_outcomes(chunk)
    return sum(email.status == OutgoingEmail.Status.SENT for email in emails)


def record_outcomes(emails: list[OutgoingEmail]) -> None:
    """Write each email's outcome fields in one statement run for every row.

    A plain parametrised UPDATE through executemany: the ORM's bulk_update builds CASE
    expressions whose compilation costs more than the sending itself.
    """
    fields = [OutgoingEmail._meta.get_field(name) for name in OUTCOME_FIELDS]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(OutgoingEmail._meta.db_table)} SET {assignments} WHERE id = %s"
    rows = [
        [field.get_db_prep_save(getattr(email, field.attname), connection) for field in fields]
        + [email.pk]
        for email in emails
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def claim(email_ids: list[int]) -> list[OutgoingEmail]:
    """Mark the pending, due emails among `email_ids` as being sent by this worker."""
    now = timezone.now()
    with transaction.atomic():
        emails = list(
            OutgoingEmail.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(pk__in=email_ids, status=OutgoingEmail.Status.PENDING, due_at__lte=now)
            .select_related("enquiry__treatment", "enquiry__coordinator__user", "coordinator__user")
            # Not needed to write an email, and the phone number is costly to parse.
            .defer("enquiry__phone", "enquiry__message", "enquiry__fingerprint")
            .order_by("pk")
        )
        OutgoingEmail.objects.filter(pk__in=[e.pk for e in emails]).update(
            status=OutgoingEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    for email in emails:
        email.status, email.claimed_at, email.attempts = "sending", now, email.attempts + 1
    return emails


def _should_cancel(email: OutgoingEmail, suppressed: set[str]) -> bool:
    """Suppressed addresses and unsubscribed patients get nothing; say why on the row."""
    if Suppression.normalise(email.recipient) in suppressed:
        email.cancel_reason = "address suppressed"
    elif email.kind in FollowUpKind.values and email.enquiry.unsubscribed_at is not None:
        email.cancel_reason = "unsubscribed"
    else:
        return False
    email.status = OutgoingEmail.Status.CANCELLED
    return True


def render(email: OutgoingEmail, composer: Composer) -> None:
    """Fill subject and bodies of an email written to the outbox without them."""
    if email.kind in FollowUpKind.values:
        composed = composer.compose(email.kind, email.enquiry, email.language)
        email.subject, email.body_text = composed.subject, composed.text
        email.body_html, email.fallback_language = composed.html, composed.fallback_language
        email.unsubscribe_url = composed.unsubscribe_url  # for the headers, not a field
    elif email.kind == OutgoingEmail.Kind.COORDINATOR_ASSIGNED:
        email.subject, email.body_text = notifications.coordinator_assigned_content(email)
    else:
        raise ValueError(f"Email {email.pk} of kind {email.kind} has no text to send.")


def build_message(email: OutgoingEmail, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body_text, to=[email.recipient], connection=connection
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    # Seen by the provider, returned in its webhooks: never health details here.
    message.metadata = {"email_id": str(email.pk), "kind": email.kind, "language": email.language}
    if email.enquiry_id:
        message.metadata["reference"] = email.enquiry.reference
    message.tags = [email.kind]
    if email.kind in FollowUpKind.values:
        message.extra_headers = {
            "List-Unsubscribe": "<%s>"
            % (
                getattr(email, "unsubscribe_url", "")
                or unsubscribe_url(email.enquiry, email.language)
            ),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return message


def _send(email: OutgoingEmail, connection, composer: Composer) -> None:
    try:
        if not email.subject:
            render(email, composer)
        message = build_message(email, connection)
        message.send()
    except REFUSED as error:
        email.status = OutgoingEmail.Status.FAILED
        email.error = _describe(error)
        Suppression.add(email.recipient, Suppression.Reason.REJECTED)
        logger.info("Email %s refused by the provider.", email.pk)
        return
    except Exception as error:  # transient until proven otherwise: retry later
        email.error = _describe(error)
        if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
            email.status = OutgoingEmail.Status.FAILED
        else:
            email.status = OutgoingEmail.Status.PENDING
            email.due_at = timezone.now() + retry_delay(email.attempts)
        logger.warning(
            "Email %s not sent (attempt %s): %s", email.pk, email.attempts, type(error).__name__
        )
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
