"""The SLA clock: when the clinic's answer to an enquiry is due, counting the clinic's
working hours only (ClinicHours, edited by managers; arithmetic in business_hours.py).

The clock runs while the patient waits for the clinic (Enquiry.ANSWER_DUE_STATUSES: just
assigned, or the patient replied) and is stopped otherwise, "waiting for the patient"
included. Each start of the clock writes `Enquiry.answer_due_at`, so that finding what is
overdue or at risk is one indexed query.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from ..models import ClinicHours, Enquiry
from .business_hours import Schedule, add_working_time

# "At risk" once less than this share of the SLA's working time is left.
AT_RISK_SHARE = 0.25


def clinic_schedule() -> Schedule:
    """The clinic's hours as a Schedule; none entered yet: every hour counts."""
    hours = ClinicHours.objects.prefetch_related("periods", "holidays").first()
    if hours is None:
        return Schedule(ZoneInfo(settings.TIME_ZONE), {})
    by_day: dict[int, list] = {}
    for period in sorted(hours.periods.all(), key=lambda p: (p.weekday, p.opens)):
        day = by_day.setdefault(period.weekday, [])
        if day and period.opens <= day[-1][1]:  # overlapping entries: one longer period
            day[-1] = (day[-1][0], max(day[-1][1], period.closes))
        else:
            day.append((period.opens, period.closes))
    return Schedule(
        ZoneInfo(hours.time_zone),
        {weekday: tuple(periods) for weekday, periods in by_day.items()},
        frozenset(holiday.date for holiday in hours.holidays.all()),
    )


def sla() -> timedelta:
    return timedelta(hours=settings.ENQUIRY_SLA_HOURS)


def answer_due(start: datetime, schedule: Schedule | None = None) -> datetime:
    return add_working_time(start, sla(), schedule or clinic_schedule())


def at_risk_until(now: datetime | None = None, schedule: Schedule | None = None) -> datetime:
    """Answers due before this instant are at risk: little working time is left."""
    return add_working_time(
        now or timezone.now(), sla() * AT_RISK_SHARE, schedule or clinic_schedule()
    )


def restart_for(enquiry: Enquiry, now: datetime, schedule: Schedule | None = None) -> None:
    """Start the clock when the enquiry's status needs an answer from the clinic, stop it
    otherwise (the caller saves `answer_due_at`)."""
    if enquiry.status in Enquiry.ANSWER_DUE_STATUSES:
        enquiry.answer_due_at = answer_due(now, schedule)
    else:
        enquiry.answer_due_at = None


def coordinator_schedule(coordinator, clinic: Schedule) -> Schedule:
    """A coordinator's own hours in the clinic's time zone and holidays; none entered: the
    clinic's hours."""
    periods: dict[int, list] = {}
    for period in sorted(coordinator.working_hours.all(), key=lambda p: (p.weekday, p.opens)):
        periods.setdefault(period.weekday, []).append((period.opens, period.closes))
    if not periods:
        return clinic
    return Schedule(
        clinic.time_zone,
        {day: tuple(day_periods) for day, day_periods in periods.items()},
        clinic.holidays,
    )
