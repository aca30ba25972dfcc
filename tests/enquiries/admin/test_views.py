"""The Enquiries admin: who sees what, and the actions that write history."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.users.models import UserProfile

from enquiries.admin import history
from enquiries.models import Enquiry
from enquiries.routing import assignment, handling
from tests.enquiries.admin.conftest import login
from tests.enquiries.factories import make_enquiry

pytestmark = pytest.mark.django_db


def detail_url(enquiry):
    return reverse("enquiries_admin:detail", args=[enquiry.pk])


def test_coordinator_sees_only_their_own_enquiries(team):
    alice, bob = team
    mine = make_enquiry(status="assigned", coordinator=alice)
    theirs = make_enquiry(status="assigned", coordinator=bob)
    client = login(alice.user)

    listing = client.get(reverse("enquiries_admin:index")).content.decode()

    assert mine.reference in listing and theirs.reference not in listing
    assert client.get(detail_url(mine)).status_code == 200
    other = client.get(detail_url(theirs))
    missing = client.get(reverse("enquiries_admin:detail", args=[theirs.pk + 1000]))
    # The same answer as for an enquiry that does not exist: Wagtail's "permission denied".
    assert other.status_code == missing.status_code == 302
    assert other["Location"] == missing["Location"] == "/admin/"
    response = client.post(
        reverse("enquiries_admin:change_status", args=[theirs.pk]), {"status": "lost"}
    )
    assert response.status_code == 302
    assert Enquiry.objects.get(pk=theirs.pk).status == "assigned"


def test_manager_sees_all_and_reassigns_with_history(team, manager):
    alice, bob = team
    enquiry = make_enquiry(status="assigned", coordinator=alice)
    client = login(manager)

    assert enquiry.reference in client.get(reverse("enquiries_admin:index")).content.decode()
    response = client.post(
        reverse("enquiries_admin:reassign", args=[enquiry.pk]),
        {"coordinator": bob.pk, "reason": "speaks the patient's dialect"},
    )

    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.coordinator == bob
    event = enquiry.events.get(kind="reassigned")
    assert event.actor == manager and "dialect" in event.text
    assert "dialect" in client.get(detail_url(enquiry)).content.decode()


def test_coordinator_cannot_reassign(team):
    alice, bob = team
    enquiry = make_enquiry(status="assigned", coordinator=alice)

    response = login(alice.user).post(
        reverse("enquiries_admin:reassign", args=[enquiry.pk]), {"coordinator": bob.pk}
    )

    # Wagtail answers a permission denied in the admin with a redirect to the dashboard.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Enquiry.objects.get(pk=enquiry.pk).coordinator == alice


def test_editors_see_no_enquiries(editor_client):
    enquiry = make_enquiry()

    response = editor_client.get(reverse("enquiries_admin:index"))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert editor_client.get(detail_url(enquiry)).status_code == 302
    dashboard = editor_client.get("/admin/").content.decode()
    assert enquiry.reference not in dashboard
    assert reverse("enquiries_admin:index") not in dashboard  # no menu item either


def test_anonymous_users_are_sent_to_login(client):
    enquiry = make_enquiry()

    response = client.get(detail_url(enquiry))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_status_change_and_note_from_the_detail_page(team):
    alice, _bob = team
    enquiry = make_enquiry(status="assigned", coordinator=alice)
    client = login(alice.user)

    client.post(
        reverse("enquiries_admin:change_status", args=[enquiry.pk]), {"status": "contacted"}
    )
    client.post(
        reverse("enquiries_admin:add_note", args=[enquiry.pk]), {"text": "Prefers WhatsApp."}
    )

    page = client.get(detail_url(enquiry)).content.decode()
    assert "Prefers WhatsApp." in page
    assert "Assigned → Contacted" in page
    assert Enquiry.objects.get(pk=enquiry.pk).contacted_at is not None


def test_dashboard_shows_a_coordinators_open_enquiries(team):
    alice, _bob = team
    open_one = make_enquiry(status="assigned", coordinator=alice)
    closed = make_enquiry(status="closed", coordinator=alice)

    dashboard = login(alice.user).get(reverse("wagtailadmin_home")).content.decode()

    assert open_one.reference in dashboard
    assert closed.reference not in dashboard


def test_history_is_worded_in_the_readers_admin_language(team):
    alice, _bob = team
    UserProfile.get_for_user(alice.user).__class__.objects.filter(user=alice.user).update(
        preferred_language="tr"
    )
    enquiry = make_enquiry(language="en")
    assignment.route_enquiries([enquiry.pk])
    handling.change_status(enquiry.pk, Enquiry.Status.CONTACTED, actor=alice.user)

    page = login(alice.user).get(detail_url(enquiry)).content.decode()

    with translation.override("tr"):
        expected = [
            f"{Enquiry.Status.ASSIGNED.label} → {Enquiry.Status.CONTACTED.label}",
            history.describe(enquiry.events.get(kind="assigned")),
        ]
    with translation.override("en"):
        english = history.describe(enquiry.events.get(kind="assigned"))
    assert expected[1] != english  # really translated
    for line in expected:
        assert escape(line) in page
    assert "speaks" not in page and "assigned →" not in page
