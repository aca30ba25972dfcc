"""Time limits on enquiries: unrouted ones are re-dispatched, uncontacted ones escalated."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..messaging import notifications
from ..models import Enquiry, EnquiryEvent
from . import assignment


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


def overdue_enquiry_ids(now=None) -> list[int]:
    cutoff = (now or timezone.now()) - timedelta(hours=settings.ENQUIRY_SLA_HOURS)
    return list(
        Enquiry.objects.filter(status=Enquiry.Status.ASSIGNED, assigned_at__lte=cutoff).values_list(
            "pk", flat=True
        )
    )


def escalate_overdue(now=None) -> int:
    escalated = 0
    for enquiry_id in overdue_enquiry_ids(now):
        if escalate(enquiry_id, now):
            escalated += 1
    return escalated


def escalate(enquiry_id: int, now=None) -> bool:
    """Alert the managers and hand the enquiry to the next coordinator who fits."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.ENQUIRY_SLA_HOURS)
    with transaction.atomic():
        enquiry = (
            Enquiry.objects.select_for_update(of=("self",))
            .select_related("coordinator__user")
            .get(pk=enquiry_id)
        )
        if enquiry.status != Enquiry.Status.ASSIGNED or enquiry.assigned_at > cutoff:
            return False  # contacted or reassigned meanwhile
        late = enquiry.coordinator
        reason = f"not contacted within {settings.ENQUIRY_SLA_HOURS} h by {late or 'nobody'}"
        enquiry.escalated_at = now
        enquiry.save(update_fields=["escalated_at"])
        EnquiryEvent.objects.create(
            enquiry=enquiry,
            kind=EnquiryEvent.Kind.ESCALATED,
            coordinator=late,
            data={"sla_hours": settings.ENQUIRY_SLA_HOURS, "late": str(late or "")},
        )
        notifications.alert_managers(enquiry, reason)
        decision = assignment.assign(
            enquiry, actor=None, kind=EnquiryEvent.Kind.REASSIGNED, exclude=late
        )
        if decision.coordinator_id is None:
            # Nobody else fits: keep it with the same coordinator, restart the clock.
            enquiry.assigned_at = now
            enquiry.save(update_fields=["assigned_at"])
    return True
