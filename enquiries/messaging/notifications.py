"""Emails about enquiries to the clinic's own staff, written to the outbox in the reader's
language and sent after the commit. Subjects carry the reference only, never health details;
bodies leave out the patient's message, which coordinators read in the admin."""

from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Enquiry, OutgoingEmail
from ..models.coordinator import MANAGERS_GROUP
from . import contact_links
from .outbox import queue_send, unalerted_problems


def admin_url(enquiry: Enquiry) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse("enquiries_admin:detail", args=[enquiry.pk])


def notify_coordinators(enquiries: list[Enquiry]) -> list[OutgoingEmail]:
    """Queue each enquiry's notification to its coordinator, in the coordinator's language.

    Only the row is written here, inside the routing transaction; the text is rendered by
    the sender, outside it (see coordinator_assigned_content)."""
    emails = [
        OutgoingEmail(
            kind=OutgoingEmail.Kind.COORDINATOR_ASSIGNED,
            enquiry=enquiry,
            coordinator=enquiry.coordinator,
            recipient=enquiry.coordinator.user.email,
            language=enquiry.coordinator.email_language,
        )
        for enquiry in enquiries
        if enquiry.coordinator.user.email
    ]
    OutgoingEmail.objects.bulk_create(emails)
    queue_send(emails)
    return emails


def coordinator_assigned_content(email: OutgoingEmail) -> tuple[str, str]:
    """Subject and text of a coordinator's notification (see notify_coordinators)."""
    with translation.override(email.language):
        subject = _("New enquiry %(reference)s") % {"reference": email.enquiry.reference}
        return subject, staff_text(email, "enquiries/emails/coordinator_assigned.txt")


def staff_text(email: OutgoingEmail, template: str) -> str:
    """A notification's text in the active language: the link to the enquiry, and the links
    to call the patient or chat on WhatsApp."""
    enquiry, coordinator = email.enquiry, email.coordinator
    return render_to_string(
        template,
        {
            "enquiry": enquiry,
            "coordinator": coordinator,
            "url": admin_url(enquiry),
            "tel_url": contact_links.tel_url(enquiry),
            "whatsapp_url": contact_links.whatsapp_url(enquiry, str(coordinator or "")),
        },
    )


def notify_patient_replied(enquiry: Enquiry) -> list[OutgoingEmail]:
    """Tell the enquiry's coordinator (or, unassigned, the managers) that the patient wrote;
    what they wrote stays in the admin."""
    if enquiry.coordinator_id and enquiry.coordinator.user.email:
        recipients = [(enquiry.coordinator.user.email, enquiry.coordinator.email_language)]
    else:
        recipients = [(address, settings.LANGUAGE_CODE) for address in manager_addresses()]
    emails = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(
            kind=OutgoingEmail.Kind.PATIENT_REPLIED,
            enquiry=enquiry,
            coordinator=enquiry.coordinator,
            recipient=address,
            language=language,
        )
        for address, language in recipients
    )
    queue_send(emails)
    return emails


def patient_replied_content(email: OutgoingEmail) -> tuple[str, str]:
    with translation.override(email.language):
        subject = _("The patient replied: %(reference)s") % {"reference": email.enquiry.reference}
        return subject, staff_text(email, "enquiries/emails/patient_replied.txt")


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
    queue_send(emails)
    return emails


def alert_managers_about_outbox() -> int:
    """Tell the managers, once per email, about emails that failed or need their decision;
    the number of such emails. (Alerts that fail are not alerted about: no loop.)"""
    problems = list(unalerted_problems().values_list("pk", "status"))
    if not problems:
        return 0
    counts = Counter(status for _pk, status in problems)
    url = settings.WAGTAILADMIN_BASE_URL + reverse("enquiry_outbox:index")
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "%(count)s email needs attention", "%(count)s emails need attention", len(problems)
        ) % {"count": len(problems)}
        text = render_to_string(
            "enquiries/emails/outbox_alert.txt",
            {
                "failed": counts[OutgoingEmail.Status.FAILED],
                "undecided": counts[OutgoingEmail.Status.NEEDS_DECISION],
                "url": url,
            },
        )
        emails = OutgoingEmail.objects.bulk_create(
            OutgoingEmail(
                kind=OutgoingEmail.Kind.OUTBOX_ALERT,
                recipient=address,
                language=settings.LANGUAGE_CODE,
                subject=subject,
                body_text=text,
            )
            for address in manager_addresses()
        )
        OutgoingEmail.objects.filter(pk__in=[pk for pk, _status in problems]).update(
            alerted_at=timezone.now()
        )
        queue_send(emails)
    return len(problems)
