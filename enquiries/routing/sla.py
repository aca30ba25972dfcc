"""Time limits on enquiries: unrouted ones are re-dispatched; those whose answer is overdue
(in the clinic's working time, see clock.py) are escalated."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ..messaging import notifications
from ..models import Enquiry, EnquiryEvent
from . import assignment, clock


def unrouted_enquiry_ids(limit: int = 1000) -> list[int]:
    """Enquiries to route again: never tried first, oldest first; then those nobody could
    take, least recently tried first. So an unroutable backlog never starves the others."""
    cutoff = timezone.now() - timedelta(minutes=settings.ENQUIRY_REDISPATCH_MINUTES)
    return list(
        Enquiry.objects.filter(
            status=Enquiry.Status.NEW, routed_at__isnull=True, created_at__lte=cutoff
        )
        .order_by(F("routing_tried_at").asc(nulls_first=True), "created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def oldest_waiting_for_routing_at():
    """When the oldest enquiry never tried by routing was received (health checks)."""
    return (
        Enquiry.objects.filter(
            status=Enquiry.Status.NEW, routed_at__isnull=True, routing_tried_at__isnull=True
        )
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def breached(now=None):
    """Enquiries whose answer is overdue."""
    return Enquiry.objects.filter(
        status__in=Enquiry.ANSWER_DUE_STATUSES, answer_due_at__lte=now or timezone.now()
    )


def at_risk(now=None):
    """Enquiries whose answer is due soon, with little working time left."""
    now = now or timezone.now()
    return Enquiry.objects.filter(
        status__in=Enquiry.ANSWER_DUE_STATUSES,
        answer_due_at__gt=now,
        answer_due_at__lte=clock.at_risk_until(now),
    )


# Escalated once per run of the clock: a later clock (a new reply) is due after it.
NOT_ESCALATED = Q(escalated_at__isnull=True) | Q(escalated_at__lt=F("answer_due_at"))


def overdue_enquiry_ids(now=None) -> list[int]:
    return list(breached(now).filter(NOT_ESCALATED).values_list("pk", flat=True))


def escalate_overdue(now=None) -> int:
    escalated = 0
    for enquiry_id in overdue_enquiry_ids(now):
        if escalate(enquiry_id, now):
            escalated += 1
    return escalated


def escalate(enquiry_id: int, now=None) -> bool:
    """Alert the managers; a first contact that is late goes to the next coordinator who
    fits, while a conversation stays with the coordinator who knows the patient."""
    now = now or timezone.now()
    with transaction.atomic():
        enquiry = (
            Enquiry.objects.select_for_update(of=("self",))
            .select_related("coordinator__user")
            .filter(pk=enquiry_id, answer_due_at__lte=now)
            .filter(NOT_ESCALATED)
            .first()
        )
        if enquiry is None or enquiry.status not in Enquiry.ANSWER_DUE_STATUSES:
            return False  # answered or reassigned meanwhile
        late = enquiry.coordinator
        reason = (
            f"not answered within {settings.ENQUIRY_SLA_HOURS} working hours by {late or 'nobody'}"
        )
        enquiry.escalated_at = now
        enquiry.save(update_fields=["escalated_at"])
        EnquiryEvent.objects.create(
            enquiry=enquiry,
            kind=EnquiryEvent.Kind.ESCALATED,
            coordinator=late,
            data={"sla_hours": settings.ENQUIRY_SLA_HOURS, "late": str(late or "")},
        )
        notifications.alert_managers(enquiry, reason)
        if enquiry.status != Enquiry.Status.ASSIGNED:
            return True
        decision = assignment.assign(
            enquiry, actor=None, kind=EnquiryEvent.Kind.REASSIGNED, exclude=late
        )
        if decision.coordinator_id is None:
            # Nobody else fits: keep it with the same coordinator, restart the clock.
            enquiry.assigned_at = now
            enquiry.answer_due_at = clock.answer_due(now)
            enquiry.save(update_fields=["assigned_at", "answer_due_at"])
    return True
