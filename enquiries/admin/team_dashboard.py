"""The managers' dashboard panel: what waits for nobody, what is late or about to be, the
escalations of the week, each coordinator's load against capacity and availability, and the
week's enquiries by language and status as a small chart drawn on the server (SVG)."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..models import Coordinator, Enquiry
from ..routing import clock, sla
from ..routing.business_hours import is_working_time

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
