"""Celery tasks: thin wrappers that take ids and call the service functions.

Nothing imports this module but Celery: services queue these tasks by name
(tourism_site/dispatch.py), so dependencies point one way, from here to the services.
"""

from celery import shared_task
from django.conf import settings
from django.db import Error as DatabaseError  # also InterfaceError: a connection lost

from tourism_site import dispatch

from .intake import spool
from .messaging import notifications, outbox, sender
from .privacy import access_log, retention
from .routing import assignment, sla


@shared_task(
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def route_enquiries(enquiry_ids: list[int]) -> None:
    assignment.route_enquiries(enquiry_ids)


@shared_task(
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=8,
    # A live worker never holds a claim longer than this (see outbox.abandoned_claims).
    soft_time_limit=settings.EMAIL_SEND_SOFT_TIME_LIMIT,
    time_limit=settings.EMAIL_SEND_TIME_LIMIT,
)
def send_emails(email_ids: list[int]) -> None:
    sender.send_outgoing_emails(email_ids)


@shared_task
def redispatch_unrouted() -> int:
    """Re-queue enquiries left unrouted (broker outage, lost message, nobody available)."""
    ids = sla.unrouted_enquiry_ids()
    dispatch.send_in_batches(route_enquiries, ids)
    return len(ids)


@shared_task
def send_due_emails() -> int:
    outbox.doubt_abandoned_claims()
    outbox.flag_undecided()
    ids = outbox.due_email_ids()
    # Small batches, so that every worker takes a share of a backlog.
    dispatch.send_in_batches(send_emails, ids, size=100)
    return len(ids)


@shared_task
def escalate_overdue() -> int:
    return sla.escalate_overdue()


@shared_task
def alert_about_outbox() -> int:
    return notifications.alert_managers_about_outbox()


@shared_task
def save_spooled_enquiries() -> int:
    """Save the enquiries the web processes spooled while the database was down."""
    return spool.save_spooled()


@shared_task
def apply_retention() -> int:
    """Daily: anonymise enquiries past their retention period, prune the access log."""
    access_log.prune()
    return retention.anonymise_expired()
