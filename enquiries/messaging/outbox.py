"""The outbox: every email is first an `OutgoingEmail` row, written in the transaction that
decides to send it. This module queues the sender once that transaction commits and sweeps
the table for what is due or was abandoned; sender.py sends.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from tourism_site import dispatch

from ..models import EnquiryEvent, OutgoingEmail

# Looked up by name: services never import tasks.py, which imports them.
SEND_TASK = "enquiries.tasks.send_emails"


def queue_send(emails: list[OutgoingEmail]) -> None:
    """Send once the transaction that wrote them commits."""
    if emails:
        transaction.on_commit(partial(dispatch.send_later, SEND_TASK, *[e.pk for e in emails]))


def due_email_ids(limit: int = 50_000) -> list[int]:
    return list(
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.PENDING, due_at__lte=timezone.now()
        )
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )


def doubt_abandoned_claims(now=None) -> int:
    """Emails still claimed by a worker that is gone: in doubt, never sent again by itself.

    A live worker cannot hold a claim this long: its task is stopped at the soft time limit
    (and releases what it has not sent) and killed at the hard one, so an older claim
    belongs to a worker that died mid-chunk (SIGKILL, out of memory, the host lost). Some
    of the chunk may have reached the provider; its tracking events settle those."""
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.EMAIL_CLAIM_ABANDONED_AFTER)
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, claimed_at__lt=cutoff
    ).update(
        status=OutgoingEmail.Status.IN_DOUBT,
        error="The worker sending it stopped; the provider may or may not have accepted it.",
    )


def oldest_due_at():
    """When the longest-waiting due email was due (health checks)."""
    return (
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.PENDING, due_at__lte=timezone.now()
        )
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )


def flag_undecided(now=None) -> int:
    """In doubt for longer than the wait, with no tracking event: a manager decides."""
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.EMAIL_IN_DOUBT_WAIT_MINUTES)
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.IN_DOUBT, claimed_at__lt=cutoff
    ).update(status=OutgoingEmail.Status.NEEDS_DECISION)


# What managers see and decide (admin/outbox.py), and what they are alerted about.


def overdue_pending(now=None):
    """Pending emails long past due: the sender is not running, or cannot keep up."""
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.EMAIL_OVERDUE_MINUTES)
    return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING, due_at__lt=cutoff)


def status_counts() -> dict[str, int]:
    """Emails by status, every status present (zero when none), and the overdue ones."""
    counts = dict.fromkeys(OutgoingEmail.Status.values, 0)
    counts.update(OutgoingEmail.objects.values_list("status").annotate(n=Count("pk")).order_by())
    counts["overdue"] = overdue_pending().count()
    return counts


def resend(email_id: int, actor) -> OutgoingEmail:
    """A manager's decision to send an email (again), now; in the enquiry's history."""

    def send_again(email):
        email.status, email.due_at, email.attempts = OutgoingEmail.Status.PENDING, timezone.now(), 0
        email.claimed_at, email.claimed_by, email.cancel_reason = None, "", ""
        queue_send([email])
        return ["status", "due_at", "attempts", "claimed_at", "claimed_by", "cancel_reason"]

    return _decide(
        email_id, actor, OutgoingEmail.RESENDABLE, EnquiryEvent.Kind.EMAIL_RESENT, send_again
    )


def cancel(email_id: int, actor) -> OutgoingEmail:
    """A manager's decision not to send an email; in the enquiry's history."""

    def do_not_send(email):
        email.status = OutgoingEmail.Status.CANCELLED
        email.cancel_reason = f"cancelled by {actor}"[:200]
        return ["status", "cancel_reason"]

    return _decide(
        email_id, actor, OutgoingEmail.CANCELLABLE, EnquiryEvent.Kind.EMAIL_CANCELLED, do_not_send
    )


def _decide(email_id: int, actor, allowed, event_kind: str, change) -> OutgoingEmail:
    """Apply a manager's decision to an email in one of the `allowed` statuses, and record
    it in the enquiry's history."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email_id)
        if email.status not in allowed:
            raise ValueError(f"An email that is {email.status} cannot be changed that way.")
        previous = email.status
        email.save(update_fields=change(email))
        if email.enquiry_id:
            EnquiryEvent.objects.create(
                enquiry_id=email.enquiry_id,
                kind=event_kind,
                actor=actor,
                data={"email_kind": email.kind, "was": previous},
            )
    return email


def unalerted_problems():
    return OutgoingEmail.objects.filter(
        status__in=OutgoingEmail.PROBLEM_STATUSES, alerted_at__isnull=True
    ).exclude(kind__in=OutgoingEmail.STAFF_ALERT_KINDS)
