"""Celery tasks: thin wrappers that take ids and call the service functions."""

from celery import shared_task
from django.db import OperationalError as DatabaseError

from . import assignment, dispatch, outbox, sla


@shared_task(
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def route_enquiry(enquiry_id: int) -> None:
    assignment.route_enquiry(enquiry_id)


@shared_task(
    acks_late=True, autoretry_for=(DatabaseError, OSError), retry_backoff=True, max_retries=8
)
def send_email(email_id: int) -> None:
    outbox.send_outgoing_email(email_id)


@shared_task
def redispatch_unrouted() -> int:
    """Re-queue enquiries left unrouted (broker outage, lost message, nobody available)."""
    ids = sla.unrouted_enquiry_ids()
    for enquiry_id in ids:
        dispatch.send_now(route_enquiry, enquiry_id)
    return len(ids)


@shared_task
def send_due_emails() -> int:
    ids = outbox.due_email_ids()
    for email_id in ids:
        dispatch.send_now(send_email, email_id)
    return len(ids)


@shared_task
def escalate_overdue() -> int:
    return sla.escalate_overdue()
