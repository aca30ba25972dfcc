"""Sending the outbox (see outbox.py): emails are claimed a chunk at a time, sent, and each
outcome recorded.

At most once, and nothing left behind:
- A claim (status "sending") covers one chunk (EMAIL_SEND_CHUNK emails) and is committed
  before the provider is called; a retried task finds nothing pending to claim.
- When the task stops early (a database error, its soft time limit, a worker shutdown), the
  outcomes it knows are recorded and the emails it had not handed to the provider go back
  to pending at once. Database writes are retried for a while, which covers a restart.
- A provider error is classified (provider_errors.py): a refused recipient fails for good,
  an email that surely did not arrive is retried with a growing delay, and one whose outcome
  is unknown is put in doubt and never sent again automatically.
- A worker killed outright leaves at most one chunk per process in "sending"; once the task
  must have hit its hard time limit, the claim is abandoned and the chunk is put in doubt
  (outbox.py), to be settled by the provider's tracking events or by a manager.
"""

import logging
import os
import socket
import time
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import Error as DatabaseError  # also InterfaceError: a connection lost
from django.db import connection, transaction
from django.utils import timezone

from ..models import FollowUpKind, OutgoingEmail, Suppression
from . import conversation, notifications
from .composer import Composer, unsubscribe_url
from .provider_errors import Outcome, classify

logger = logging.getLogger(__name__)

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
    "attempts",
    "claimed_at",
]
WORKER = f"{socket.gethostname()}:{os.getpid()}"
# Errors that stop the chunk rather than fail one email.
STOPPING = (DatabaseError, SoftTimeLimitExceeded)


def send_outgoing_emails(email_ids: list[int], chunk_size: int | None = None) -> int:
    """Send those of `email_ids` that are pending and due; the number sent."""
    chunk_size = chunk_size or settings.EMAIL_SEND_CHUNK
    composer = None
    mail_connection = get_connection()
    sent = 0
    try:
        for start in range(0, len(email_ids), chunk_size):
            emails = claim(email_ids[start : start + chunk_size])
            if emails:
                composer = composer or Composer()
                sent += send_chunk(emails, composer, mail_connection)
    finally:
        mail_connection.close()
    return sent


def send_chunk(emails: list[OutgoingEmail], composer: Composer, mail_connection) -> int:
    """Send claimed emails; whatever stops it, record what is known and release the rest."""
    decided: list[OutgoingEmail] = []
    in_flight = None
    try:
        composer.prepare([email.enquiry for email in emails if email.enquiry_id])
        suppressed = Suppression.suppressed_among(email.recipient for email in emails)
        for email in emails:
            if not _should_cancel(email, suppressed):
                message = _message_or_none(email, composer, mail_connection)
                if message is not None:
                    in_flight = email
                    deliver(email, message, mail_connection)
                    in_flight = None
            decided.append(email)
    finally:
        if in_flight is not None:  # stopped during the provider call
            _put_in_doubt(in_flight, "Sending was interrupted during the provider call.")
            decided.append(in_flight)
        undecided = [email for email in emails if email not in decided]
        with_database_retries(record_outcomes, decided)
        with_database_retries(release, undecided)
    return sum(email.status == OutgoingEmail.Status.SENT for email in decided)


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
            status=OutgoingEmail.Status.SENDING, claimed_at=now, claimed_by=WORKER
        )
    for email in emails:
        email.status, email.claimed_at, email.claimed_by = "sending", now, WORKER
    return emails


def release(emails: list[OutgoingEmail]) -> int:
    """Give claimed emails that were never handed to the provider back to the queue."""
    if not emails:
        return 0
    return OutgoingEmail.objects.filter(
        pk__in=[email.pk for email in emails], status=OutgoingEmail.Status.SENDING
    ).update(status=OutgoingEmail.Status.PENDING, claimed_at=None, claimed_by="")


def record_outcomes(emails: list[OutgoingEmail]) -> None:
    """Write each email's outcome fields in one statement run for every row, and suppress
    the addresses the provider refused.

    A plain parametrised UPDATE through executemany: the ORM's bulk_update builds CASE
    expressions whose compilation costs more than the sending itself.
    """
    if not emails:
        return
    fields = [OutgoingEmail._meta.get_field(name) for name in OUTCOME_FIELDS]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(OutgoingEmail._meta.db_table)} SET {assignments} WHERE id = %s"
    rows = [
        [field.get_db_prep_save(getattr(email, field.attname), connection) for field in fields]
        + [email.pk]
        for email in emails
    ]
    refused = {email.recipient for email in emails if getattr(email, "refused", False)}
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        for address in refused:
            Suppression.add(address, Suppression.Reason.REJECTED)


def with_database_retries(write, emails, seconds: float | None = None) -> None:
    """Run a write of what this worker knows, retrying while the database is unreachable
    (a restart takes seconds); raise if it stays so. Then the claims stay behind and are
    put in doubt once abandoned: safe, if not exact."""
    deadline = time.monotonic() + (
        settings.EMAIL_RECORD_RETRY_SECONDS if seconds is None else seconds
    )
    delay = 0.2
    while True:
        try:
            write(emails)
            return
        except DatabaseError:
            if time.monotonic() + delay > deadline:
                raise
            logger.warning("Database unavailable while recording emails; trying again.")
            connection.close()  # the next query opens a fresh connection
            time.sleep(delay)
            delay = min(delay * 2, 5)


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


def _message_or_none(email: OutgoingEmail, composer: Composer, mail_connection):
    """The message to hand over; None, with the email set to retry, when it cannot be
    written (no template...). A database error stops the chunk: nothing was attempted."""
    try:
        if not email.subject:
            render(email, composer)
        return build_message(email, mail_connection)
    except STOPPING:
        raise
    except Exception as error:
        email.attempts += 1
        _retry_or_fail(email, error)
        return None


def render(email: OutgoingEmail, composer: Composer) -> None:
    """Fill subject and bodies of an email written to the outbox without them."""
    if email.kind in FollowUpKind.values:
        composed = composer.compose(email.kind, email.enquiry, email.language)
        email.subject, email.body_text = composed.subject, composed.text
        email.body_html, email.fallback_language = composed.html, composed.fallback_language
        email.unsubscribe_url = composed.unsubscribe_url  # for the headers, not a field
    elif email.kind == OutgoingEmail.Kind.COORDINATOR_ASSIGNED:
        email.subject, email.body_text = notifications.coordinator_assigned_content(email)
    elif email.kind == OutgoingEmail.Kind.PATIENT_REPLIED:
        email.subject, email.body_text = notifications.patient_replied_content(email)
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
    if email.kind in OutgoingEmail.PATIENT_KINDS:
        # The patient's answer comes back to the enquiry (conversation.py).
        message.reply_to = [conversation.reply_address(email.enquiry)]
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


def deliver(email: OutgoingEmail, message: EmailMultiAlternatives, mail_connection) -> None:
    """Hand one message to the provider and set the email's outcome from what happened."""
    email.attempts += 1
    try:
        mail_connection.open()  # for SMTP, connecting is where an outage shows
        message.send()
    except SoftTimeLimitExceeded:
        raise  # the task must stop; this email is in flight (see send_chunk)
    except Exception as error:
        outcome = classify(error)
        if outcome is Outcome.REFUSED:
            email.status, email.error, email.refused = (
                OutgoingEmail.Status.FAILED,
                _describe(error),
                True,
            )
            logger.info("Email %s refused by the provider.", email.pk)
        elif outcome is Outcome.NOT_SENT:
            _retry_or_fail(email, error)
        else:
            _put_in_doubt(email, _describe(error))
        return
    status = getattr(message, "anymail_status", None)
    message_id = status.message_id if status else None
    email.provider_message_id = "" if message_id is None else str(message_id)
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.error = ""


def _retry_or_fail(email: OutgoingEmail, error: Exception) -> None:
    """Surely not sent: again later with a growing delay, or failed after the last attempt."""
    email.error = _describe(error)
    if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
        email.status = OutgoingEmail.Status.FAILED
    else:
        email.status = OutgoingEmail.Status.PENDING
        email.due_at = timezone.now() + retry_delay(email.attempts)
        email.claimed_at = None
    logger.warning(
        "Email %s not sent (attempt %s): %s", email.pk, email.attempts, type(error).__name__
    )


def _put_in_doubt(email: OutgoingEmail, why: str) -> None:
    email.status = OutgoingEmail.Status.IN_DOUBT
    email.error = f"The provider may or may not have accepted it. {why}"[:1000]
    logger.warning("Email %s in doubt: the provider may have accepted it.", email.pk)


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8... minutes, at most six hours."""
    return timedelta(minutes=min(2 ** (attempts - 1), 360))


def _describe(error: BaseException) -> str:
    # The class and the provider's reason; message bodies never reach the log or the row.
    return f"{type(error).__name__}: {error}"[:1000]
