"""enquiries/admin/enquiries.py: the list on Wagtail's viewset (filters, search, export) and
who may see and export what; admin/bulk_actions.py: managers' reassign and status change."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from enquiries.models import AccessLogEntry, Enquiry, EnquiryEvent
from tests.enquiries.admin.conftest import login
from tests.enquiries.factories import make_enquiry

pytestmark = pytest.mark.django_db

INDEX = reverse("enquiries_admin:index")


def bulk_url(action, enquiries):
    ids = "&".join(f"id={enquiry.pk}" for enquiry in enquiries)
    return reverse("wagtail_bulk_action", args=["enquiries", "enquiry", action]) + "?" + ids


def exported_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_filters_search_and_deadline_in_wagtails_listing(team, manager):
    alice, bob = team
    late = make_enquiry(
        status="assigned", coordinator=alice, answer_due_at=timezone.now() - timedelta(hours=1)
    )
    waiting = make_enquiry(status="waiting", coordinator=bob, language="de")
    unassigned = make_enquiry()
    client = login(manager)

    def listed(query):
        page = client.get(INDEX, query).content.decode()
        return {e.reference for e in (late, waiting, unassigned) if e.reference in page}

    assert listed({}) == {late.reference, waiting.reference, unassigned.reference}
    assert listed({"deadline": "breached"}) == {late.reference}
    assert listed({"status": ["waiting", "new"]}) == {waiting.reference, unassigned.reference}
    assert listed({"unassigned": "true"}) == {unassigned.reference}
    assert listed({"language": "de"}) == {waiting.reference}
    assert listed({"q": late.reference.lower()}) == {late.reference}
    page = client.get(INDEX).content.decode()
    assert 'class="enquiry-late"' in page
    assert "data-bulk-action-checkbox" in page  # managers get bulk actions


def test_a_coordinator_lists_only_their_own_and_cannot_export_or_act_in_bulk(team):
    alice, bob = team
    mine = make_enquiry(status="assigned", coordinator=alice)
    theirs = make_enquiry(status="assigned", coordinator=bob)
    client = login(alice.user)

    page = client.get(INDEX).content.decode()
    assert mine.reference in page and theirs.reference not in page
    assert "data-bulk-action-checkbox" not in page and "export=csv" not in page
    searched = client.get(INDEX, {"q": theirs.reference}).content.decode()
    assert reverse("enquiries_admin:detail", args=[theirs.pk]) not in searched
    assert client.get(INDEX, {"export": "csv"}).status_code in (302, 403)
    response = client.get(bulk_url("reassign", [theirs]))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert theirs.reference not in response.content.decode()
    client.post(bulk_url("change_status", [mine, theirs]), {"status": "lost"})
    assert set(Enquiry.objects.values_list("status", flat=True)) == {"assigned"}
    assert not AccessLogEntry.objects.filter(action="exported").exists()


def test_a_manager_exports_the_filtered_list_and_the_export_is_logged(team, manager):
    alice, _bob = team
    wanted = make_enquiry(status="assigned", coordinator=alice, language="ar")
    make_enquiry(status="new", language="en")

    response = login(manager).get(INDEX, {"export": "csv", "language": "ar"})

    assert response.status_code == 200
    rows = exported_rows(response)
    assert [row["Reference"] for row in rows] == [wanted.reference]
    assert rows[0]["Email"] == wanted.email
    assert rows[0]["Received at"] == timezone.localtime(wanted.created_at).strftime(
        "%Y-%m-%d %H:%M"
    )
    logged = AccessLogEntry.objects.get(action="exported")
    assert (logged.username, logged.reference, logged.detail) == (
        "manager",
        wanted.reference,
        "csv",
    )
    xlsx = login(manager).get(INDEX, {"export": "xlsx"})
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]


def test_a_manager_reassigns_in_bulk_with_history(team, manager):
    alice, bob = team
    first = make_enquiry(status="assigned", coordinator=alice)
    second = make_enquiry()
    client = login(manager)

    confirm = client.get(bulk_url("reassign", [first, second]))
    assert confirm.status_code == 200 and first.reference in confirm.content.decode()
    assert "<title>Reassign" in confirm.content.decode()
    response = client.post(
        bulk_url("reassign", [first, second]), {"coordinator": bob.pk, "reason": "holiday"}
    )

    assert response.status_code == 302
    for enquiry in (first, second):
        enquiry.refresh_from_db()
        assert enquiry.coordinator == bob
        event = enquiry.events.get(kind=EnquiryEvent.Kind.REASSIGNED)
        assert event.actor == manager and event.text == "holiday"
    # The one nobody had taken starts its patient emails now.
    assert second.emails.filter(kind="acknowledgement").exists()
    assert AccessLogEntry.objects.filter(action="changed", detail="reassigned").count() == 2


def test_a_manager_changes_the_status_in_bulk(team, manager):
    alice, _bob = team
    enquiries = [make_enquiry(status="assigned", coordinator=alice) for _ in range(3)]

    login(manager).post(bulk_url("change_status", enquiries[:2]), {"status": "spam"})

    statuses = [Enquiry.objects.get(pk=e.pk).status for e in enquiries]
    assert statuses == ["spam", "spam", "assigned"]
    assert Enquiry.objects.get(pk=enquiries[0].pk).closed_at is not None


def test_phone_and_whatsapp_links_stay_left_to_right_in_an_arabic_admin(team):
    alice, _bob = team
    UserProfile.objects.filter(user=alice.user).update(preferred_language="ar")
    UserProfile.get_for_user(alice.user)
    profile = UserProfile.get_for_user(alice.user)
    profile.preferred_language = "ar"
    profile.save()
    enquiry = make_enquiry(
        status="assigned", coordinator=alice, phone="+971501234567", uses_whatsapp=True
    )
    client = login(alice.user)

    for page in (
        client.get(INDEX),
        client.get(reverse("enquiries_admin:detail", args=[enquiry.pk])),
    ):
        html = page.content.decode()
        assert 'dir="rtl"' in html
        assert 'href="tel:+971501234567" dir="ltr"' in html
        assert "<bdi>+971 50 123 4567</bdi>" in html
        assert 'href="https://wa.me/971501234567?text=' in html
