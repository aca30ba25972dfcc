"""enquiries/admin/coordinators.py: managers manage the team; coordinators set their own
availability and nothing else."""

from datetime import time

import pytest
from django.urls import reverse

from enquiries.models import Coordinator
from enquiries.routing import assignment
from tests.enquiries.admin.conftest import login
from tests.enquiries.factories import days_from_today, make_enquiry

pytestmark = pytest.mark.django_db


def edit_form(coordinator, **changes):
    data = {
        "user": str(coordinator.user_id),
        "languages": coordinator.languages,
        "capacity": str(coordinator.capacity),
        "is_active": "on" if coordinator.is_active else "",
        "away_until": "",
        "specialties": coordinator.specialties,
        "working_hours-TOTAL_FORMS": "0",
        "working_hours-INITIAL_FORMS": "0",
        "working_hours-MIN_NUM_FORMS": "0",
        "working_hours-MAX_NUM_FORMS": "1000",
    }
    return {key: value for key, value in (data | changes).items() if value != ""}


def test_a_manager_changes_languages_capacity_specialties_and_hours(team, manager):
    alice, _bob = team
    client = login(manager)
    url = reverse("enquiry_coordinators:edit", args=[alice.pk])
    assert (
        alice.user.get_full_name()
        in client.get(reverse("enquiry_coordinators:index")).content.decode()
    )

    response = client.post(
        url,
        edit_form(
            alice,
            languages=["en", "ar"],
            capacity="12",
            specialties=["dental"],
            **{
                "working_hours-TOTAL_FORMS": "1",
                "working_hours-0-weekday": "0",
                "working_hours-0-opens": "09:00",
                "working_hours-0-closes": "13:00",
                "working_hours-0-ORDER": "0",
            },
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    alice.refresh_from_db()
    assert (alice.languages, alice.capacity, alice.specialties) == (["en", "ar"], 12, ["dental"])
    assert [(h.weekday, h.opens, h.closes) for h in alice.working_hours.all()] == [
        (0, time(9), time(13))
    ]
    # Routing follows at once: an Arabic enquiry now goes to her.
    enquiry = make_enquiry(language="ar")
    assignment.route_enquiries([enquiry.pk])
    enquiry.refresh_from_db()
    assert enquiry.coordinator == alice


def test_a_manager_sets_someone_away_and_they_get_nothing(team, manager):
    alice, _bob = team
    login(manager).post(
        reverse("enquiry_coordinators:edit", args=[alice.pk]),
        edit_form(alice, away_until=str(days_from_today(7))),
    )
    enquiry = make_enquiry(language="en")

    assignment.route_enquiries([enquiry.pk])

    enquiry.refresh_from_db()
    assert enquiry.coordinator is None


def test_a_manager_adds_a_coordinator_from_an_admin_user(manager, django_user_model):
    new = django_user_model.objects.create_user("selin", first_name="Selin", password="pw")
    response = login(manager).post(
        reverse("enquiry_coordinators:add"),
        edit_form(Coordinator(user=new, languages=["tr"], capacity=8)),
    )

    assert response.status_code == 302
    assert Coordinator.objects.get(user=new).languages == ["tr"]


def test_coordinators_set_their_own_availability_only(team):
    alice, bob = team
    client = login(alice.user)
    assert client.get(reverse("enquiry_coordinators:index")).status_code == 302
    assert client.get(reverse("enquiry_coordinators:edit", args=[bob.pk])).status_code == 302

    url = reverse("enquiry_coordinators:my_availability")
    response = client.post(url, {"is_active": "on", "away_until": str(days_from_today(3))})

    assert response.status_code == 302
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert alice.away_until == days_from_today(3) and bob.away_until is None
    assert alice.capacity == 5  # untouched: not in the coordinator's own form


def test_editors_and_managers_who_coordinate_nothing_have_no_availability_page(editor_client):
    url = reverse("enquiry_coordinators:my_availability")
    assert editor_client.get(url).status_code == 302
