"""enquiries/admin/conversation.py: the conversation on the enquiry's page, replies from a
saved reply, and attachments only for the enquiry's own people."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import Locale

from enquiries.models import AccessLogEntry, InboundAttachment, InboundMessage, SavedReply
from tests.enquiries.admin.conftest import login
from tests.enquiries.factories import make_enquiry

pytestmark = pytest.mark.django_db


def detail_url(enquiry):
    return reverse("enquiries_admin:detail", args=[enquiry.pk])


@pytest.fixture
def conversation(team):
    alice, _bob = team
    enquiry = make_enquiry(status="assigned", coordinator=alice, language="de")
    message = InboundMessage.objects.create(
        enquiry=enquiry, provider="Postmark", from_address=enquiry.email, body_text="Mein Befund."
    )
    attachment = InboundAttachment(
        message=message, filename="befund.pdf", content_type="application/pdf", size=4
    )
    attachment.file.save("befund.pdf", ContentFile(b"%PDF"), save=False)
    attachment.save()
    return enquiry, attachment


def attachment_url(enquiry, attachment):
    return reverse("enquiries_admin:attachment", args=[enquiry.pk, attachment.pk])


def test_the_coordinator_reads_the_reply_and_downloads_its_attachment(team, conversation):
    alice, _bob = team
    enquiry, attachment = conversation
    client = login(alice.user)

    page = client.get(detail_url(enquiry)).content.decode()
    response = client.get(attachment_url(enquiry, attachment))

    assert "Mein Befund." in page and attachment_url(enquiry, attachment) in page
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF"
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/octet-stream"
    assert "no-store" in response["Cache-Control"]
    assert AccessLogEntry.objects.filter(detail=f"attachment {attachment.pk}").exists()


def test_another_coordinator_and_editors_get_nothing(team, conversation, editor_client):
    _alice, bob = team
    enquiry, attachment = conversation

    for client in (login(bob.user), editor_client):
        response = client.get(attachment_url(enquiry, attachment))
        assert response.status_code == 302 and response["Location"] == "/admin/"
        reply = client.post(
            reverse("enquiries_admin:reply", args=[enquiry.pk]), {"subject": "x", "body": "y"}
        )
        assert reply.status_code == 302 and reply["Location"] == "/admin/"
    assert not enquiry.emails.filter(kind="reply").exists()


def test_a_reply_starts_from_a_saved_reply_in_the_patients_language(team):
    alice, _bob = team
    enquiry = make_enquiry(status="assigned", coordinator=alice, language="de")
    english = SavedReply.objects.create(
        title="Prices",
        subject="Prices",
        body="Dear {first_name}",
        locale=Locale.objects.get(language_code="en"),
    )
    german = english.copy_for_translation(Locale.objects.get(language_code="de"))
    german.title, german.subject, german.body = "Preise", "Ihre Preise", "Hallo {first_name},"
    german.save()
    client = login(alice.user)

    page = client.get(detail_url(enquiry), {"saved_reply": german.pk}).content.decode()
    assert "Preise" in page and "Hallo {first_name}," in page and "Prices" not in page
    response = client.post(
        reverse("enquiries_admin:reply", args=[enquiry.pk]),
        {"subject": "Ihre Preise", "body": "Hallo {first_name},\n\nanbei die Preise."},
    )

    assert response.status_code == 302
    email = enquiry.emails.get(kind="reply")
    assert email.body_text.startswith(f"Hallo {enquiry.first_name},")
    assert email.sent_by == alice.user
    page = client.get(detail_url(enquiry)).content.decode()
    assert "anbei die Preise." in page  # the timeline shows it in full
