"""Panels on the admin dashboard: a coordinator's open enquiries, those close to the deadline
first; for managers, the patient team (what waits for nobody, what is late or about to be,
the week's escalations, each coordinator's load and availability, the week's enquiries by
language and status as a small chart drawn on the server, SVG) and what in the email outbox
needs attention."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..messaging import outbox
from ..models import Coordinator, Enquiry, OutgoingEmail
from ..routing import clock, sla
from ..routing.business_hours import is_working_time


class MyEnquiriesPanel(Component):
    name = "my_enquiries"
    order = 50
    template_name = "enquiries/admin/dashboard_panel.html"

    def __init__(self, coordinator):
        self.coordinator = coordinator

    def get_context_data(self, parent_context=None):
        open_enquiries = list(
            Enquiry.objects.filter(coordinator=self.coordinator, status__in=Enquiry.OPEN_STATUSES)
            .select_related("treatment")
            .order_by(F("answer_due_at").asc(nulls_last=True), "assigned_at")
        )
        warn_until = clock.at_risk_until()
        return {
            "open_enquiries": open_enquiries,
            "near_sla": [
                e
                for e in open_enquiries
                if e.status in Enquiry.ANSWER_DUE_STATUSES
                and e.answer_due_at
                and e.answer_due_at <= warn_until
            ],
        }


class OutboxPanel(Component):
    name = "email_outbox"
    order = 40
    template_name = "enquiries/admin/outbox_panel.html"

    def get_context_data(self, parent_context=None):
        counts = outbox.status_counts()
        return {
            "failed": counts[OutgoingEmail.Status.FAILED],
            "undecided": counts[OutgoingEmail.Status.NEEDS_DECISION],
            "in_doubt": counts[OutgoingEmail.Status.IN_DOUBT],
            "overdue": counts["overdue"],
            "url": reverse("enquiry_outbox:index"),
        }


BAR_WIDTH = 240  # pixels of the longest bar


def week_start(now) -> datetime:
    """Monday 00:00 of this week, in the clinic's time zone."""
    today = timezone.localdate(now)
    return timezone.make_aware(datetime.combine(today - timedelta(days=today.weekday()), time()))


def team_load(now):
    schedule = clock.clinic_schedule()
    coordinators = (
        Coordinator.objects.select_related("user")
        .prefetch_related("working_hours")
        .annotate(
            open_count=Count("enquiries", filter=Q(enquiries__status__in=Enquiry.OPEN_STATUSES))
        )
        .order_by("-is_active", "user__first_name")
    )
    rows = []
    for coordinator in coordinators:
        away = coordinator.is_away(timezone.localdate(now))
        rows.append(
            {
                "coordinator": coordinator,
                "open": coordinator.open_count,
                "capacity": coordinator.capacity,
                "full": coordinator.open_count >= coordinator.capacity,
                "away": away,
                "on_duty": not away
                and is_working_time(now, clock.coordinator_schedule(coordinator, schedule)),
            }
        )
    return rows


def weekly_chart(now) -> dict:
    """This week's enquiries: a bar per language, split by status."""
    counts = (
        Enquiry.objects.filter(created_at__gte=week_start(now))
        .values_list("language", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_language: dict[str, dict[str, int]] = {}
    for language, status, n in counts:
        by_language.setdefault(language, {})[status] = n
    names = dict(settings.LANGUAGES)
    statuses = dict(Enquiry.Status.choices)
    longest = max((sum(row.values()) for row in by_language.values()), default=0)
    bars = []
    for language, row in sorted(by_language.items(), key=lambda item: -sum(item[1].values())):
        total = sum(row.values())
        bars.append(
            {
                "language": names.get(language, language),
                "total": total,
                "width": round(BAR_WIDTH * total / longest) if longest else 0,
                "statuses": [(statuses[s], n) for s, n in row.items() if s in statuses],
            }
        )
    return {"bars": bars, "bar_width": BAR_WIDTH, "height": 28 * len(bars)}


class TeamPanel(Component):
    name = "enquiry_team"
    order = 30
    template_name = "enquiries/admin/team_panel.html"

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        unassigned = Enquiry.objects.filter(status=Enquiry.Status.NEW, coordinator__isnull=True)
        breached = sla.breached(now).select_related("coordinator__user")
        at_risk = sla.at_risk(now).select_related("coordinator__user")
        escalated = Enquiry.objects.filter(escalated_at__gte=now - timedelta(days=7))
        index = reverse("enquiries_admin:index")
        return {
            "unassigned": list(unassigned.order_by("created_at")[:10]),
            "unassigned_count": unassigned.count(),
            "breached": list(breached.order_by("answer_due_at")[:10]),
            "breached_count": breached.count(),
            "at_risk": list(at_risk.order_by("answer_due_at")[:10]),
            "at_risk_count": at_risk.count(),
            "escalated": list(
                escalated.select_related("coordinator__user").order_by("-escalated_at")[:10]
            ),
            "team": team_load(now),
            "chart": weekly_chart(now),
            "index_url": index,
        }
