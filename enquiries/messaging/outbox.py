"""The outbox: every email is first an `OutgoingEmail` row, written in the transaction that
decides to send it. This module queues the sender once that transaction commits and sweeps
the table for what is due or was abandoned; sender.py sends.
"""

from datetime import timedelta
from functools import partial

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
