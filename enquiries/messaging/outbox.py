"""The outbox: every email is first an `OutgoingEmail` row, written in the transaction that
decides to send it. This module queues the sender once that transaction commits and sweeps
the table for what is due or was abandoned; sender.py sends.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tourism_site import dispatch

from ..models import OutgoingEmail

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


def flag_undecided(now=None) -> int:
    """In doubt for longer than the wait, with no tracking event: a manager decides."""
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.EMAIL_IN_DOUBT_WAIT_MINUTES)
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.IN_DOUBT, claimed_at__lt=cutoff
    ).update(status=OutgoingEmail.Status.NEEDS_DECISION)
