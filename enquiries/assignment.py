"""Assigning enquiries to coordinators, safely under concurrency.

Every assignment locks the available coordinators' rows (in id order, so two workers never
deadlock) before counting their open enquiries: two workers routing at once queue behind
each other instead of both seeing room under the same coordinator's capacity. The enquiry's
own row is locked first, so it is never assigned twice.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from . import notifications
from .models import Coordinator, Enquiry, EnquiryEvent
from .routing import Candidate, Decision, choose_coordinator


def route_enquiry(enquiry_id: int) -> Enquiry:
    """Assign a new enquiry. Idempotent: an enquiry already routed is left as it is."""
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry_id)
        if enquiry.routed_at is not None or enquiry.status != Enquiry.Status.NEW:
            return enquiry
        decision = assign(enquiry, actor=None, kind=EnquiryEvent.Kind.ASSIGNED)
        if decision.coordinator_id is None:
            _leave_unassigned(enquiry, decision)
    return enquiry


def assign(enquiry: Enquiry, actor, kind: str, exclude: Coordinator | None = None) -> Decision:
    """Pick and set the coordinator for `enquiry` (whose row the caller has locked)."""
    decision, coordinator = _decide(enquiry, exclude)
    if coordinator is None:
        return decision
    now = timezone.now()
    previous = enquiry.coordinator
    enquiry.coordinator = coordinator
    enquiry.status = (
        Enquiry.Status.ASSIGNED if enquiry.status == Enquiry.Status.NEW else enquiry.status
    )
    enquiry.assigned_at = now
    enquiry.routed_at = enquiry.routed_at or now
    enquiry.save(update_fields=["coordinator", "status", "assigned_at", "routed_at"])
    Coordinator.objects.filter(pk=coordinator.pk).update(last_assigned_at=now)
    text = decision.reason if previous is None else f"from {previous}: {decision.reason}"
    EnquiryEvent.objects.create(
        enquiry=enquiry, kind=kind, actor=actor, coordinator=coordinator, text=text
    )
    notifications.notify_coordinator(enquiry, coordinator)
    return decision


def reassign_to(enquiry_id: int, coordinator: Coordinator, actor, reason: str = "") -> Enquiry:
    """A manager's explicit choice of coordinator."""
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry_id)
        previous = enquiry.coordinator
        enquiry.coordinator = coordinator
        enquiry.assigned_at = timezone.now()
        enquiry.routed_at = enquiry.routed_at or enquiry.assigned_at
        if enquiry.status == Enquiry.Status.NEW:
            enquiry.status = Enquiry.Status.ASSIGNED
        enquiry.save(update_fields=["coordinator", "assigned_at", "routed_at", "status"])
        EnquiryEvent.objects.create(
            enquiry=enquiry,
            kind=EnquiryEvent.Kind.REASSIGNED,
            actor=actor,
            coordinator=coordinator,
            text=f"from {previous or 'nobody'}" + (f": {reason}" if reason else ""),
        )
        notifications.notify_coordinator(enquiry, coordinator)
    return enquiry


def change_status(enquiry_id: int, status: str, actor, note: str = "") -> Enquiry:
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry_id)
        if enquiry.status == status:
            return enquiry
        previous = enquiry.status
        enquiry.status = status
        fields = ["status"]
        if status == Enquiry.Status.CONTACTED and not enquiry.contacted_at:
            enquiry.contacted_at = timezone.now()
            fields.append("contacted_at")
        enquiry.save(update_fields=fields)
        EnquiryEvent.objects.create(
            enquiry=enquiry,
            kind=EnquiryEvent.Kind.STATUS,
            actor=actor,
            from_status=previous,
            to_status=status,
            text=note,
        )
    return enquiry


def add_note(enquiry_id: int, text: str, actor) -> EnquiryEvent:
    return EnquiryEvent.objects.create(
        enquiry_id=enquiry_id, kind=EnquiryEvent.Kind.NOTE, actor=actor, text=text
    )


def _decide(enquiry: Enquiry, exclude: Coordinator | None):
    coordinators = list(
        Coordinator.objects.available()
        .select_for_update(of=("self",))
        .order_by("pk")
        .select_related("user")
    )
    if exclude is not None:
        coordinators = [c for c in coordinators if c.pk != exclude.pk]
    open_counts = dict(
        Enquiry.objects.filter(coordinator__in=coordinators, status__in=Enquiry.OPEN_STATUSES)
        .values_list("coordinator")
        .annotate(n=Count("pk"))
    )
    candidates = [
        Candidate(
            id=c.pk,
            languages=frozenset(c.languages),
            capacity=c.capacity,
            open_count=open_counts.get(c.pk, 0),
            specialties=frozenset(c.specialties),
            last_assigned_at=c.last_assigned_at,
        )
        for c in coordinators
    ]
    specialty = _specialty(enquiry)
    decision = choose_coordinator(
        candidates, enquiry.language, specialty, settings.ENQUIRY_FALLBACK_LANGUAGE
    )
    chosen = next((c for c in coordinators if c.pk == decision.coordinator_id), None)
    return decision, chosen


def _specialty(enquiry: Enquiry) -> str | None:
    if enquiry.treatment_id is None:
        return None
    from pages.models import TreatmentPage

    return (
        TreatmentPage.objects.filter(pk=enquiry.treatment_id)
        .values_list("category", flat=True)
        .first()
    )


def _leave_unassigned(enquiry: Enquiry, decision: Decision) -> None:
    """Visible in the unassigned queue; managers are alerted once, then the sweep retries."""
    already_alerted = enquiry.events.filter(kind=EnquiryEvent.Kind.UNASSIGNED).exists()
    if already_alerted:
        return
    EnquiryEvent.objects.create(
        enquiry=enquiry, kind=EnquiryEvent.Kind.UNASSIGNED, text=decision.reason
    )
    notifications.alert_managers(enquiry, decision.reason)
