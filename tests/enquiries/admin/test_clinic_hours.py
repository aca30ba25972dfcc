"""The clinic's hours, time zone and holidays (Settings): managers edit them, and the SLA
clock counts in them."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from enquiries.models import ClinicHours
from enquiries.routing import clock
from tests.enquiries.admin.conftest import login

pytestmark = pytest.mark.django_db

URL = reverse("wagtailsettings:edit", args=["enquiries", "clinichours"])


def edit_url():
    return reverse("wagtailsettings:edit", args=["enquiries", "clinichours", ClinicHours.load().pk])


def inline(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data |= {f"{prefix}-{number}-{name}": value for name, value in row.items()}
        data |= {f"{prefix}-{number}-ORDER": str(number), f"{prefix}-{number}-DELETE": ""}
    return data


def test_a_manager_sets_hours_and_holidays_and_the_deadline_follows(manager, settings):
    settings.ENQUIRY_SLA_HOURS = 4
    ClinicHours.objects.all().delete()
    client = login(manager)
    assert client.get(edit_url()).status_code == 200

    response = client.post(
        edit_url(),
        {"time_zone": "Europe/London"}
        | inline("periods", [{"weekday": "0", "opens": "08:00", "closes": "12:00"}])
        | inline("holidays", [{"date": "2027-03-08", "name": "Closed"}]),
    )

    assert response.status_code == 302, response.context["form"].errors
    london = ZoneInfo("Europe/London")
    # Mondays only, 08:00-12:00 London, and 8 March closed: due the Monday after.
    friday = datetime(2027, 3, 5, 23, 0, tzinfo=london)
    assert clock.answer_due(friday) == datetime(2027, 3, 15, 12, 0, tzinfo=london)
    assert list(ClinicHours.objects.get().holidays.values_list("date", flat=True)) == [
        date(2027, 3, 8)
    ]


def test_closing_before_opening_is_refused_with_a_message(manager):
    response = login(manager).post(
        edit_url(),
        {"time_zone": "Europe/Istanbul"}
        | inline("periods", [{"weekday": "1", "opens": "18:00", "closes": "09:00"}])
        | inline("holidays", []),
    )

    assert response.status_code == 200
    assert "Closing time must be after opening time." in response.content.decode()
    assert not ClinicHours.objects.get().periods.filter(opens=time(18)).exists()


def test_coordinators_cannot_change_the_hours(team):
    alice, _bob = team
    assert login(alice.user).get(URL).status_code == 302
