"""The patient email sequence, as rows in the outbox with the time each is due.

- acknowledgement: as soon as the enquiry is routed (it names the coordinator);
- procedure information: FOLLOWUP_PROCEDURE_INFO_HOURS after the enquiry;
- pre-travel checklist: FOLLOWUP_PRE_TRAVEL_DAYS before the travel window, if one was given;
- aftercare: when the enquiry is marked treated (once, even if it is marked treated again);
- re-treatment reminder: when the effect is expected to wear off (the low end of the page's
  effect-duration range, counted from the treatment date), for patients who opted in.

Nothing waits in the broker: the periodic sender sends what is due. A unique constraint on
(enquiry, kind) makes scheduling idempotent and sending at most once.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from tourism_site.dates import add_months

from ..models import Enquiry, FollowUpKind, OutgoingEmail, Suppression
from .outbox import queue_send

CANCELLING_STATUSES = (Enquiry.Status.CLOSED, Enquiry.Status.LOST, Enquiry.Status.SPAM)
# Written for a patient who has not been treated yet: pointless, even confusing, after.
BEFORE_TREATMENT_KINDS = (FollowUpKind.PROCEDURE_INFO, FollowUpKind.PRE_TRAVEL)


# Schedule computation: plain functions.


def at_morning(day: datetime.date) -> datetime.datetime:
    """A civil hour of the clinic's time zone on `day`."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(settings.FOLLOWUP_SEND_HOUR))
    )


def procedure_info_due(received_at: datetime.datetime) -> datetime.datetime:
    return received_at + datetime.timedelta(hours=settings.FOLLOWUP_PROCEDURE_INFO_HOURS)


def pre_travel_due(
    travel_from: datetime.date | None, now: datetime.datetime
) -> datetime.datetime | None:
    """N days before travel; at once when that is past but the trip is not; else none."""
    if travel_from is None or travel_from <= timezone.localdate(now):
        return None
    due = at_morning(travel_from - datetime.timedelta(days=settings.FOLLOWUP_PRE_TRAVEL_DAYS))
    return max(due, now)


def reminder_due(treated_on: datetime.date, effect_months_min: int | None):
    if effect_months_min is None:
        return None
    return at_morning(add_months(treated_on, effect_months_min))


# Scheduling and cancelling, in the database.


def _row(enquiry: Enquiry, kind: str, due_at) -> OutgoingEmail:
    return OutgoingEmail(
        kind=kind,
        enquiry=enquiry,
        recipient=enquiry.email,
        language=enquiry.language,
        due_at=due_at,
    )


def _schedule(rows: list[OutgoingEmail]) -> None:
    """Write the rows not written before (each kind exists once per enquiry), then queue
    those already due."""
    existing = set(
        OutgoingEmail.objects.filter(
            enquiry__in={row.enquiry_id for row in rows}, kind__in={row.kind for row in rows}
        ).values_list("enquiry_id", "kind")
    )
    rows = [row for row in rows if (row.enquiry_id, row.kind) not in existing]
    OutgoingEmail.objects.bulk_create(rows)
    now = timezone.now()
    queue_send([row for row in rows if row.due_at <= now])


def _may_email(enquiry: Enquiry, suppressed: set[str]) -> bool:
    return (
        enquiry.unsubscribed_at is None and Suppression.normalise(enquiry.email) not in suppressed
    )


def schedule_after_routing(enquiries: list[Enquiry]) -> None:
    """Acknowledgement now, procedure information and pre-travel checklist later."""
    now = timezone.now()
    suppressed = Suppression.suppressed_among(e.email for e in enquiries)
    rows = []
    for enquiry in enquiries:
        if not _may_email(enquiry, suppressed):
            continue
        rows.append(_row(enquiry, FollowUpKind.ACKNOWLEDGEMENT, now))
        rows.append(
            _row(enquiry, FollowUpKind.PROCEDURE_INFO, procedure_info_due(enquiry.created_at))
        )
        if (due := pre_travel_due(enquiry.travel_from, now)) is not None:
            rows.append(_row(enquiry, FollowUpKind.PRE_TRAVEL, due))
    if rows:
        _schedule(rows)


def schedule_after_treatment(enquiry: Enquiry) -> None:
    """Aftercare the same day, and the re-treatment reminder if the patient asked for it;
    what was meant for before the treatment is cancelled."""
    cancel_pending([enquiry.pk], "treated", kinds=BEFORE_TREATMENT_KINDS)
    if not _may_email(enquiry, Suppression.suppressed_among([enquiry.email])):
        return
    rows = [_row(enquiry, FollowUpKind.AFTERCARE, timezone.now())]
    # A reminder is a commercial message: only with that consent.
    if enquiry.accepts_commercial_messages and enquiry.treatment is not None:
        due = reminder_due(enquiry.treated_on, enquiry.treatment.effect_months_min)
        if due is not None:
            rows.append(_row(enquiry, FollowUpKind.RETREATMENT_REMINDER, due))
    _schedule(rows)


def pending_follow_ups():
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, kind__in=FollowUpKind.values
    )


def cancel_pending(enquiry_ids, reason: str, kinds=FollowUpKind.values) -> int:
    return (
        pending_follow_ups()
        .filter(enquiry__in=enquiry_ids, kind__in=kinds)
        .update(status=OutgoingEmail.Status.CANCELLED, cancel_reason=reason)
    )


def cancel_pending_to(address: str, reason: str) -> int:
    """Everything pending to an address (a bounce, a complaint), whatever the enquiry."""
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, recipient__iexact=address
    ).update(status=OutgoingEmail.Status.CANCELLED, cancel_reason=reason)


def reschedule_reminders(page) -> int:
    """An editor changed a treatment's effect duration: move (or cancel) pending reminders
    for that treatment, in every language."""
    reminders = pending_follow_ups().filter(
        kind=FollowUpKind.RETREATMENT_REMINDER,
        enquiry__treatment__translation_key=page.translation_key,
        enquiry__treated_on__isnull=False,
    )
    if page.effect_months_min is None:
        return reminders.update(
            status=OutgoingEmail.Status.CANCELLED, cancel_reason="treatment has no set duration"
        )
    changed = 0
    for reminder in reminders.select_related("enquiry"):
        due = reminder_due(reminder.enquiry.treated_on, page.effect_months_min)
        if due != reminder.due_at:
            reminder.due_at = due
            reminder.save(update_fields=["due_at"])
            changed += 1
    return changed
