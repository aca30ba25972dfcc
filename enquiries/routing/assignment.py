"""Assigning enquiries to coordinators, safely under concurrency and in batches.

A routing transaction locks the waiting enquiries it takes (skipping any another worker holds,
so none is assigned twice), then the available coordinators' rows in id order (so two workers
never deadlock) before counting their open enquiries: two workers routing at once queue
behind each other instead of both seeing room under the same coordinator's capacity. The
decisions for a whole batch are then made in memory and written with a handful of queries,
which is what lets a worker route hundreds of enquiries a second.
"""

import dataclasses
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..messaging import followups, notifications
from ..models import Coordinator, Enquiry, EnquiryEvent
from . import clock
from .rules import Candidate, Decision, choose_coordinator


class CoordinatorPool:
    """The available coordinators, locked for the transaction, with their open counts.

    Each decision updates the counts in memory, so one pool decides for a whole batch.
    """

    def __init__(self, exclude: Coordinator | None = None):
        coordinators = (
            Coordinator.objects.available()
            .select_for_update(of=("self",))
            .select_related("user__wagtail_userprofile")
            .order_by("pk")
        )
        if exclude is not None:
            coordinators = coordinators.exclude(pk=exclude.pk)
        self.coordinators = {c.pk: c for c in coordinators}
        open_counts = dict(
            Enquiry.objects.filter(
                coordinator__in=list(self.coordinators), status__in=Enquiry.OPEN_STATUSES
            )
            .values_list("coordinator")
            .annotate(n=Count("pk"))
        )
        self.candidates = {
            c.pk: Candidate(
                id=c.pk,
                languages=frozenset(c.languages),
                capacity=c.capacity,
                open_count=open_counts.get(c.pk, 0),
                specialties=frozenset(c.specialties),
                last_assigned_at=c.last_assigned_at,
            )
            for c in self.coordinators.values()
        }
        self.assigned: set[int] = set()

    def choose(self, language: str, specialty: str | None) -> Decision:
        return choose_coordinator(
            list(self.candidates.values()),
            language,
            specialty,
            settings.ENQUIRY_FALLBACK_LANGUAGE,
        )

    def take(self, decision: Decision, at) -> Coordinator:
        """Count the decided enquiry against its coordinator, as of `at`."""
        candidate = self.candidates[decision.coordinator_id]
        self.candidates[candidate.id] = dataclasses.replace(
            candidate, open_count=candidate.open_count + 1, last_assigned_at=at
        )
        coordinator = self.coordinators[candidate.id]
        coordinator.last_assigned_at = at
        self.assigned.add(candidate.id)
        return coordinator

    def save(self) -> None:
        touched = [self.coordinators[pk] for pk in sorted(self.assigned)]
        Coordinator.objects.bulk_update(touched, ["last_assigned_at"])


def route_enquiries(enquiry_ids: list[int]) -> list[Enquiry]:
    """Assign the given new enquiries; those already routed (or being routed) are skipped,
    which makes routing idempotent. Returns the enquiries this call decided about."""
    with transaction.atomic():
        enquiries = list(
            Enquiry.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(pk__in=enquiry_ids, status=Enquiry.Status.NEW, routed_at__isnull=True)
            .select_related("treatment")
            .order_by("pk")
        )
        if not enquiries:
            return []
        decisions = assign_all(enquiries, CoordinatorPool(), EnquiryEvent.Kind.ASSIGNED)
        unassigned = [(e, d) for e, d in decisions if d.coordinator_id is None]
        for enquiry, decision in unassigned:
            _leave_unassigned(enquiry, decision)
        if unassigned:
            Enquiry.objects.filter(pk__in=[e.pk for e, _d in unassigned]).update(
                routing_tried_at=timezone.now()
            )
        followups.schedule_after_routing([e for e, d in decisions if d.coordinator_id])
    return enquiries


def assign_all(
    enquiries: list[Enquiry], pool: CoordinatorPool, kind: str, actor=None
) -> list[tuple[Enquiry, Decision]]:
    """Assign each of `enquiries` (rows the caller has locked) from `pool`, writing the
    enquiries, their events, the coordinators' notifications and counts in bulk. Returns
    each enquiry with the decision made for it (no coordinator: nobody could take it)."""
    now = timezone.now()
    answer_due_at = clock.answer_due(now)
    events, decisions = [], []
    by_coordinator: dict[int, list[int]] = {}
    for offset, enquiry in enumerate(enquiries):
        specialty = enquiry.treatment.category if enquiry.treatment_id else None
        decision = pool.choose(enquiry.language, specialty)
        decisions.append((enquiry, decision))
        if decision.coordinator_id is None:
            continue
        # A microsecond apart, so the round robin sees the batch's order.
        coordinator = pool.take(decision, now + timedelta(microseconds=offset))
        previous = enquiry.coordinator
        enquiry.coordinator = coordinator
        enquiry.status = Enquiry.Status.ASSIGNED
        enquiry.assigned_at = now
        enquiry.answer_due_at = answer_due_at
        enquiry.routed_at = enquiry.routed_at or now
        by_coordinator.setdefault(coordinator.pk, []).append(enquiry.pk)
        data = decision.facts | ({"previous": str(previous)} if previous else {})
        events.append(
            EnquiryEvent(
                enquiry=enquiry, kind=kind, actor=actor, coordinator=coordinator, data=data
            )
        )
    if events:
        # One UPDATE per coordinator: far cheaper to build than a bulk_update's CASEs.
        for coordinator_id, enquiry_ids in by_coordinator.items():
            Enquiry.objects.filter(pk__in=enquiry_ids).update(
                coordinator=coordinator_id,
                status=Enquiry.Status.ASSIGNED,
                assigned_at=now,
                answer_due_at=answer_due_at,
                routed_at=Coalesce("routed_at", Value(now)),
            )
        EnquiryEvent.objects.bulk_create(events)
        pool.save()
        notifications.notify_coordinators([event.enquiry for event in events])
    return decisions


def assign(enquiry: Enquiry, actor, kind: str, exclude: Coordinator | None = None) -> Decision:
    """Hand one enquiry (whose row the caller has locked) to the coordinator who fits best."""
    [(_, decision)] = assign_all([enquiry], CoordinatorPool(exclude=exclude), kind, actor)
    return decision


def reassign_to(enquiry_id: int, coordinator: Coordinator, actor, reason: str = "") -> Enquiry:
    """A manager's explicit choice of coordinator. An enquiry routing never placed (nobody
    could take it) starts its patient emails now, as routing would have."""
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry_id)
        first_assignment = enquiry.routed_at is None
        previous = enquiry.coordinator
        enquiry.coordinator = coordinator
        enquiry.assigned_at = timezone.now()
        enquiry.routed_at = enquiry.routed_at or enquiry.assigned_at
        if enquiry.status == Enquiry.Status.NEW:
            enquiry.status = Enquiry.Status.ASSIGNED
        # The new coordinator gets the whole SLA if the patient is waiting for an answer.
        clock.restart_for(enquiry, enquiry.assigned_at)
        enquiry.save(
            update_fields=["coordinator", "assigned_at", "routed_at", "status", "answer_due_at"]
        )
        EnquiryEvent.objects.create(
            enquiry=enquiry,
            kind=EnquiryEvent.Kind.REASSIGNED,
            actor=actor,
            coordinator=coordinator,
            text=reason,
            data={"previous": str(previous)} if previous else {},
        )
        notifications.notify_coordinators([enquiry])
        if first_assignment:
            followups.schedule_after_routing([enquiry])
    return enquiry


def _leave_unassigned(enquiry: Enquiry, decision: Decision) -> None:
    """Visible in the unassigned queue; managers are alerted once, then the sweep retries."""
    already_alerted = enquiry.events.filter(kind=EnquiryEvent.Kind.UNASSIGNED).exists()
    if already_alerted:
        return
    EnquiryEvent.objects.create(
        enquiry=enquiry, kind=EnquiryEvent.Kind.UNASSIGNED, data=decision.facts
    )
    notifications.alert_managers(enquiry, decision.reason)
