"""Emails about enquiries to the clinic's own staff, written to the outbox in the reader's
language and sent after the commit. Subjects carry the reference only, never health details;
bodies leave out the patient's message, which coordinators read in the admin."""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import dispatch
from .models import Coordinator, Enquiry, OutgoingEmail
from .permissions import MANAGERS_GROUP


def admin_url(enquiry: Enquiry) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse("enquiries_admin:detail", args=[enquiry.pk])


def notify_coordinator(enquiry: Enquiry, coordinator: Coordinator) -> OutgoingEmail | None:
    if not coordinator.user.email:
        return None
    language = coordinator.email_language
    with translation.override(language):
        email = OutgoingEmail.objects.create(
            kind=OutgoingEmail.Kind.COORDINATOR_ASSIGNED,
            enquiry=enquiry,
            recipient=coordinator.user.email,
            language=language,
            subject=_("New enquiry %(reference)s") % {"reference": enquiry.reference},
            body_text=render_to_string(
                "enquiries/emails/coordinator_assigned.txt",
                {"enquiry": enquiry, "coordinator": coordinator, "url": admin_url(enquiry)},
            ),
        )
    queue_send(email)
    return email


def manager_addresses() -> list[str]:
    managers = (
        get_user_model()
        .objects.filter(Q(groups__name=MANAGERS_GROUP) | Q(is_superuser=True), is_active=True)
        .exclude(email="")
    )
    return sorted(set(settings.MANAGER_EMAILS) | set(managers.values_list("email", flat=True)))


def alert_managers(enquiry: Enquiry, reason: str) -> list[OutgoingEmail]:
    emails = []
    for address in manager_addresses():
        with translation.override(settings.LANGUAGE_CODE):
            emails.append(
                OutgoingEmail.objects.create(
                    kind=OutgoingEmail.Kind.MANAGER_ALERT,
                    enquiry=enquiry,
                    recipient=address,
                    language=settings.LANGUAGE_CODE,
                    subject=_("Enquiry %(reference)s needs attention")
                    % {"reference": enquiry.reference},
                    body_text=render_to_string(
                        "enquiries/emails/manager_alert.txt",
                        {"enquiry": enquiry, "reason": reason, "url": admin_url(enquiry)},
                    ),
                )
            )
    for email in emails:
        queue_send(email)
    return emails


def queue_send(email: OutgoingEmail) -> None:
    transaction.on_commit(partial(_dispatch_send, email.pk))


def _dispatch_send(email_id: int) -> None:
    from .tasks import send_email

    dispatch.send_later(send_email, email_id)
