"""enquiries/messaging/conversation.py with routing/handling.py: replies out (with the
enquiry's Reply-To), patients' answers in through the providers' real inbound webhooks,
threaded into the right enquiry, attachments kept privately."""

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from enquiries.messaging import conversation, sender
from enquiries.models import Enquiry, EnquiryEvent, InboundMessage, OutgoingEmail
from enquiries.routing import assignment, handling
from tests.enquiries.factories import make_coordinator, make_enquiry
from tests.enquiries.inbound import (
    basic_auth,
    mailgun_inbound,
    post_mailgun_inbound,
    post_postmark_inbound,
    postmark_inbound,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 scan of the x-ray \xff\xfe"


def inbound_url(provider):
    return reverse(f"anymail:{provider}_inbound_webhook")


@pytest.fixture
def enquiry():
    make_coordinator(["de"])
    enquiry = make_enquiry(language="de")
    assignment.route_enquiries([enquiry.pk])
    return Enquiry.objects.select_related("coordinator__user").get(pk=enquiry.pk)


def test_the_reply_address_names_the_enquiry_and_cannot_be_forged(enquiry):
    address = conversation.reply_address(enquiry)

    assert address.startswith("replies+" + enquiry.reference.lower())
    assert conversation.reference_in(address) == enquiry.reference
    assert conversation.reference_in(address.upper()) == enquiry.reference
    forged = address.replace(enquiry.reference.lower(), "tr-222222")
    assert conversation.reference_in(forged) is None
    assert conversation.reference_in("replies@example.com") is None


def test_every_patient_email_carries_the_reply_to_and_staff_emails_do_not(enquiry):
    ids = list(OutgoingEmail.objects.filter(enquiry=enquiry).values_list("pk", flat=True))

    sender.send_outgoing_emails(ids)

    by_kind = {message.tags[0]: message for message in mail.outbox}
    assert by_kind["acknowledgement"].reply_to == [conversation.reply_address(enquiry)]
    assert by_kind["coordinator_assigned"].reply_to == []


def test_a_coordinators_reply_goes_through_the_outbox_in_the_patients_layout(enquiry):
    author = enquiry.coordinator.user

    email = handling.send_reply(
        enquiry.pk, "Ihre Anfrage {reference}", "Hallo {first_name},\n\nbis bald.", author
    )

    email.refresh_from_db()
    assert (email.kind, email.status, email.sent_by) == ("reply", "pending", author)
    assert email.subject == f"Ihre Anfrage {enquiry.reference}"
    assert email.body_text.startswith(f"Hallo {enquiry.first_name},")
    assert "bis bald.</p>" in email.body_html
    sender.send_outgoing_emails([email.pk])
    assert mail.outbox[-1].reply_to == [conversation.reply_address(enquiry)]
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CONTACTED and enquiry.answer_due_at is None
    assert enquiry.events.filter(kind=EnquiryEvent.Kind.REPLY_SENT, actor=author).exists()


def test_a_postmark_reply_threads_into_its_enquiry_with_a_private_attachment(client, enquiry):
    payload = postmark_inbound(
        to=f"Anatolia Care <{conversation.reply_address(enquiry)}>",
        text="Danke! Hier ist mein Röntgenbild.",
        attachments=[("röntgen.pdf", PDF, "application/pdf")],
    )

    response = post_postmark_inbound(client, inbound_url("postmark"), payload)
    again = post_postmark_inbound(client, inbound_url("postmark"), payload)  # redelivered

    assert response.status_code == again.status_code == 200
    message = InboundMessage.objects.get()
    assert message.enquiry == enquiry and message.provider == "Postmark"
    assert message.body_text.startswith("Danke! Hier ist mein Röntgenbild.")
    [attachment] = message.attachments.all()
    assert attachment.filename.endswith(".pdf") and attachment.size == len(PDF)
    stored = Path(attachment.file.path)
    assert stored.read_bytes() == PDF
    assert stored.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not stored.is_relative_to(settings.MEDIA_ROOT)
    with pytest.raises(NotImplementedError):
        attachment.file.url  # noqa: B018 - no URL exists for it
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.REPLIED and enquiry.answer_due_at is not None
    notice = OutgoingEmail.objects.get(kind="patient_replied")
    assert notice.recipient == enquiry.coordinator.user.email
    sender.send_outgoing_emails([notice.pk])
    notice.refresh_from_db()
    assert enquiry.reference in notice.subject and "Röntgen" not in notice.body_text


def test_a_mailgun_reply_threads_into_its_enquiry(client, enquiry):
    other = make_enquiry(language="de")
    fields = mailgun_inbound(
        to=conversation.reply_address(enquiry),
        text="Passt der 3. Mai?",
        attachments=[("scan.pdf", PDF, "application/pdf")],
    )

    response = post_mailgun_inbound(client, inbound_url("mailgun"), fields)

    assert response.status_code == 200
    message = InboundMessage.objects.get()
    assert message.enquiry == enquiry and not other.inbound_messages.exists()
    assert message.attachments.get().file.read() == PDF


@pytest.mark.parametrize(
    "post",
    [
        lambda client, enquiry: post_postmark_inbound(
            client,
            inbound_url("postmark"),
            postmark_inbound(to=conversation.reply_address(enquiry)),
            auth=False,
        ),
        lambda client, enquiry: post_postmark_inbound(
            client,
            inbound_url("postmark"),
            postmark_inbound(to=conversation.reply_address(enquiry)),
            auth=basic_auth("webhook:guessed"),
        ),
        lambda client, enquiry: post_mailgun_inbound(
            client,
            inbound_url("mailgun"),
            mailgun_inbound(to=conversation.reply_address(enquiry), key="wrong"),
        ),
        lambda client, enquiry: post_mailgun_inbound(
            client,
            inbound_url("mailgun"),
            mailgun_inbound(to=conversation.reply_address(enquiry), signed=False),
        ),
        lambda client, enquiry: post_mailgun_inbound(
            client,
            inbound_url("mailgun"),
            mailgun_inbound(to=conversation.reply_address(enquiry), signed_at=time.time() - 3600),
        ),
    ],
    ids=[
        "postmark-unsigned",
        "postmark-wrong-secret",
        "mailgun-forged",
        "mailgun-unsigned",
        "mailgun-replayed",
    ],
)
def test_forged_unsigned_or_replayed_inbound_is_refused(client, enquiry, post):
    response = post(client, enquiry)

    assert response.status_code == 400
    assert not InboundMessage.objects.exists()
    assert Enquiry.objects.get(pk=enquiry.pk).status == Enquiry.Status.ASSIGNED


def test_a_message_to_a_forged_address_threads_into_nothing(client, enquiry):
    forged = conversation.reply_address(enquiry).replace(enquiry.reference.lower(), "tr-222222")

    response = post_postmark_inbound(client, inbound_url("postmark"), postmark_inbound(to=forged))

    assert response.status_code == 200  # taken, so the provider does not retry; dropped
    assert not InboundMessage.objects.exists()


def test_an_attachment_over_the_limit_is_not_kept(client, enquiry, settings):
    settings.INBOUND_ATTACHMENT_MAX_BYTES = 10
    payload = postmark_inbound(
        to=conversation.reply_address(enquiry), attachments=[("big.pdf", PDF, "application/pdf")]
    )

    post_postmark_inbound(client, inbound_url("postmark"), payload)

    assert not InboundMessage.objects.get().attachments.exists()
