"""enquiries/admin/dashboard.py: the managers' panel shows the queue, the late and the
nearly late, escalations, each coordinator's load and availability, and the week's chart."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enquiries.admin import dashboard
from enquiries.models import CoordinatorHours
from tests.enquiries.admin.conftest import login
from tests.enquiries.factories import days_from_today, make_enquiry

pytestmark = pytest.mark.django_db


def test_managers_see_the_queue_deadlines_escalations_and_load(team, manager):
    alice, bob = team
    now = timezone.now()
    waiting = make_enquiry(language="fa")
    late = make_enquiry(
        status="assigned", coordinator=alice, answer_due_at=now - timedelta(hours=2)
    )
    soon = make_enquiry(
        status="replied", coordinator=bob, answer_due_at=now + timedelta(minutes=10)
    )
    escalated = make_enquiry(status="contacted", coordinator=alice, escalated_at=now)
    bob.away_until = days_from_today(3)
    bob.save()

    page = login(manager).get(reverse("wagtailadmin_home")).content.decode()

    for enquiry in (waiting, late, soon, escalated):
        assert enquiry.reference in page
    assert "?unassigned=true" in page and "?deadline=breached" in page
    assert "2 / 5" in page  # Alice: the late one and the escalated one, of capacity 5
    assert "Away until" in page
    assert 'role="img"' in page  # the chart


def test_load_counts_open_enquiries_and_availability_follows_working_hours(team):
    alice, bob = team
    make_enquiry(status="assigned", coordinator=alice)
    make_enquiry(status="closed", coordinator=alice)
    now = timezone.now()
    local = timezone.localtime(now)
    # Bob works only an hour that has just ended, every day.
    for weekday in range(7):
        CoordinatorHours.objects.create(
            coordinator=bob,
            weekday=weekday,
            opens=time(0, 0) if local.hour == 0 else time(local.hour - 1),
            closes=time(local.hour) if local.hour else time(0, 30),
        )

    rows = {row["coordinator"]: row for row in dashboard.team_load(now)}

    assert (rows[alice]["open"], rows[alice]["capacity"]) == (1, 5)
    assert rows[bob]["on_duty"] is (local.hour == 0 and local.minute < 30)


def test_the_weekly_chart_counts_by_language_and_status():
    for language, status in [("ar", "new"), ("ar", "assigned"), ("de", "new")]:
        make_enquiry(language=language, status=status)

    chart = dashboard.weekly_chart(timezone.now())

    arabic, german = chart["bars"]
    assert (arabic["total"], german["total"]) == (2, 1)
    assert arabic["width"] == dashboard.BAR_WIDTH and german["width"] == dashboard.BAR_WIDTH // 2
    assert sorted(count for _label, count in arabic["statuses"]) == [1, 1]


def test_coordinators_do_not_get_the_team_panel(team):
    alice, _bob = team
    page = login(alice.user).get(reverse("wagtailadmin_home")).content.decode()
    assert "enquiry-team-panel" not in page
