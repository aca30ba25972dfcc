"""The email conversation with a patient, both ways.

Out: a coordinator's reply (or quote) is written in the patient's language, filled like the
patient emails, and queued in the outbox; every patient email carries a Reply-To address
naming its enquiry, `replies+<reference>-<signature>@...`, signed so that nobody can thread
a message into an enquiry by guessing its reference.

In: the provider's inbound webhook (webhooks.py) hands anymail's message to `store()`,
which finds the enquiry from that address and keeps the text and the attachments (private
storage). What the enquiry does about it (status, notification) is routing/handling.py's.
"""

import logging
import re
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.signing import Signer
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from django.utils.text import get_valid_filename

from ..models import Enquiry, InboundAttachment, InboundMessage, OutgoingEmail, placeholders
from .composer import Composer, render
from .outbox import queue_send
from .webhooks import CONTROL_CHARACTERS

logger = logging.getLogger(__name__)

_signer = Signer(salt="enquiries.reply-address")
TOKEN = re.compile(r"^(tr-[a-z0-9]{6})-([a-z0-9]{8})$")


def _signature(reference: str) -> str:
    # Eight lowercase characters: addresses' local parts are often lowercased on the way.
    return _signer.signature(reference.lower()).lower().replace("-", "0").replace("_", "1")[:8]


def reply_address(enquiry: Enquiry) -> str:
    local, _, domain = settings.ENQUIRY_REPLY_ADDRESS.partition("@")
    reference = enquiry.reference.lower()
    return f"{local}+{reference}-{_signature(reference)}@{domain}"


def reference_in(address: str) -> str | None:
    """The enquiry reference a reply address names, if its signature holds."""
    local = address.rsplit("@", 1)[0].lower()
    if "+" not in local:
        return None
    match = TOKEN.match(local.split("+", 1)[1])
    if match is None or match.group(2) != _signature(match.group(1)):
        return None
    return match.group(1).upper()


def enquiry_for(addresses) -> Enquiry | None:
    for address in addresses:
        if (reference := reference_in(address)) is not None:
            return Enquiry.objects.filter(reference=reference).first()
    return None


# Out.


def compose_written(enquiry: Enquiry, subject: str, body: str):
    """A coordinator's text in the patient emails' layout, placeholders filled."""
    composer = Composer()
    page, _fallback = composer.page(enquiry, enquiry.language)
    values = composer.values(enquiry, page, enquiry.language)
    # Shaped like an email template for render(): a subject and the body's paragraphs.
    text = SimpleNamespace(subject=subject, paragraphs=placeholders.paragraphs(body))
    return render(text, values, enquiry.language, fallback=False)


def queue_written(enquiry: Enquiry, kind: str, subject: str, body: str, author) -> OutgoingEmail:
    """Queue a coordinator's email to the patient (kind reply or quote), in the caller's
    transaction; it goes once that commits."""
    return queue_composed(enquiry, kind, compose_written(enquiry, subject, body), author)


def queue_composed(enquiry: Enquiry, kind: str, composed, author) -> OutgoingEmail:
    """An email a coordinator sends the patient, written already; sent after the commit."""
    email = OutgoingEmail.objects.create(
        kind=kind,
        enquiry=enquiry,
        recipient=enquiry.email,
        language=enquiry.language,
        subject=composed.subject,
        body_text=composed.text,
        body_html=composed.html,
        fallback_language=composed.fallback_language,
        sent_by=author,
        coordinator=enquiry.coordinator,
    )
    queue_send([email])
    return email


# In.


@dataclass(frozen=True)
class Stored:
    message: InboundMessage
    created: bool


def _clean(text: str | None, limit: int | None = None) -> str:
    text = CONTROL_CHARACTERS.sub("", text or "")
    return text[:limit] if limit else text


def _recipients(message) -> list[str]:
    addresses = [address.addr_spec for address in (message.to or []) + (message.cc or [])]
    if message.envelope_recipient:
        addresses.insert(0, message.envelope_recipient)
    return addresses


def store(message, provider: str, event_id: str | None) -> Stored | None:
    """Keep a patient's message on its enquiry; None when no enquiry is named (logged
    without the addresses, which are personal data)."""
    enquiry = enquiry_for(_recipients(message))
    if enquiry is None:
        logger.info("Inbound %s message for no known enquiry: dropped.", provider)
        return None
    event_id = _clean(event_id, 255)
    if event_id and (
        existing := InboundMessage.objects.filter(
            provider=provider, provider_event_id=event_id
        ).first()
    ):
        return Stored(existing, created=False)
    text = message.text or strip_tags(message.html or "")
    try:
        with transaction.atomic():
            inbound = InboundMessage.objects.create(
                enquiry=enquiry,
                provider=provider,
                provider_event_id=event_id,
                from_address=_clean(message.from_email.addr_spec if message.from_email else "")[
                    :254
                ],
                subject=_clean(message.subject, 255),
                body_text=_clean(text, 100_000),
            )
            for attachment in message.attachments:
                _store_attachment(inbound, attachment)
    except IntegrityError:  # the same delivery, stored a moment ago by another request
        return Stored(
            InboundMessage.objects.get(provider=provider, provider_event_id=event_id), False
        )
    return Stored(inbound, created=True)


def _store_attachment(inbound: InboundMessage, attachment) -> None:
    content = attachment.get_content_bytes() or b""
    name = get_valid_filename(_clean(attachment.get_filename() or "attachment", 200)) or "file"
    if len(content) > settings.INBOUND_ATTACHMENT_MAX_BYTES:
        logger.info("Inbound attachment over the size limit: not kept.")
        return
    row = InboundAttachment(
        message=inbound,
        filename=name,
        content_type=_clean(attachment.get_content_type(), 100),
        size=len(content),
    )
    row.file.save(name, ContentFile(content), save=False)
    row.save()
