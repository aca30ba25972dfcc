"""Sending the outbox: each email is claimed by one worker, sent, and marked sent."""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)


def send_outgoing_email(email_id: int) -> bool:
    """Send one pending email; False when it was not pending (sent, cancelled, claimed)."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmail.Status.PENDING)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        message = EmailMessage(subject=email.subject, body=email.body_text, to=[email.recipient])
        try:
            message.send()
        except Exception as error:
            email.error = f"{type(error).__name__}: {error}"[:1000]
            email.save(update_fields=["attempts", "error"])
            logger.warning("Email %s not sent: %s", email.pk, type(error).__name__)
            raise
        status = getattr(message, "anymail_status", None)
        message_id = status.message_id if status else None
        email.provider_message_id = "" if message_id is None else str(message_id)
        email.status = OutgoingEmail.Status.SENT
        email.sent_at = timezone.now()
        email.error = ""
        email.save(update_fields=["attempts", "provider_message_id", "status", "sent_at", "error"])
    return True


def due_email_ids(limit: int = 500) -> list[int]:
    return list(
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.PENDING, due_at__lte=timezone.now()
        )
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )
