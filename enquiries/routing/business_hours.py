"""Working-time arithmetic for SLA clocks: an enquiry that arrives on Friday night should not be
overdue before the clinic has opened on Monday, so the clock runs only in the clinic's hours.

Pure standard library; no models, no database. Every local period of every local date is turned
into an aware instant with ``datetime.combine(day, t, tzinfo=time_zone)`` and then into UTC, and
all arithmetic is done on those instants, so DST days (23 or 25 hours) count real time. Local
times that do not exist or occur twice on a DST change are read with Python's default
``fold=0``: a nonexistent time uses the offset from before the change (Berlin's 02:30 on the
spring-forward Sunday is 03:30 CEST), an ambiguous one is its first occurrence.

A period closing at ``time(0, 0)`` (or ``time.max``) runs until the end of its day.
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

Period = tuple[time, time]
ONE_DAY = timedelta(days=1)
# A non-empty schedule has a period every week; a longer run of dates without one means the
# holidays cover it all, and the search would never end.
MAX_IDLE_DAYS = 366


def _until_midnight(closes: time) -> bool:
    return closes in (time(0), time.max)


@dataclass(frozen=True)
class Schedule:
    time_zone: ZoneInfo
    # weekday (0 = Monday … 6 = Sunday) -> sorted, non-overlapping (opens, closes) local times
    periods: Mapping[int, tuple[Period, ...]]
    holidays: frozenset[date] = frozenset()  # local dates closed all day

    def __post_init__(self) -> None:
        if set(self.periods) - set(range(7)):
            raise ValueError(f"weekdays must be 0 (Monday) to 6 (Sunday): {sorted(self.periods)}")
        periods = {day: tuple(tuple(p) for p in self.periods.get(day, ())) for day in range(7)}
        for day, day_periods in periods.items():
            previous_close = time(0)
            for index, (opens, closes) in enumerate(day_periods):
                ends_day = _until_midnight(closes)
                if opens < previous_close or (ends_day and index < len(day_periods) - 1):
                    raise ValueError(f"periods of weekday {day} overlap or are not sorted")
                if not ends_day and closes <= opens:
                    raise ValueError(f"period {opens}–{closes} on weekday {day} is empty")
                previous_close = closes
        object.__setattr__(self, "periods", periods)
        object.__setattr__(self, "holidays", frozenset(self.holidays))

    @property
    def is_empty(self) -> bool:
        return not any(self.periods.values())


def weekdays(opens: time, closes: time, time_zone: str, holidays: Iterable[date] = ()) -> Schedule:
    """The same hours Monday to Friday."""
    return Schedule(
        ZoneInfo(time_zone), {day: ((opens, closes),) for day in range(5)}, frozenset(holidays)
    )


def _utc(moment: datetime, name: str = "moment") -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got naive {moment!r}")
    return moment.astimezone(UTC)


def _intervals(schedule: Schedule, day: date, last_day: date | None = None) -> Iterator[Period]:
    """The working intervals from local date `day` on, as sorted, disjoint UTC instants.

    Without `last_day` the walk is endless, so it raises once a year passes without work.
    """
    zone, floor, idle_days = schedule.time_zone, None, 0
    while last_day is None or day <= last_day:
        found = False
        if day not in schedule.holidays:
            for opens, closes in schedule.periods[day.weekday()]:
                start = datetime.combine(day, opens, tzinfo=zone).astimezone(UTC)
                if _until_midnight(closes):
                    end = datetime.combine(day + ONE_DAY, time(0), tzinfo=zone)
                else:
                    end = datetime.combine(day, closes, tzinfo=zone)
                end = end.astimezone(UTC)
                # fold=0 maps a nonexistent time past the instants just after the jump, so a
                # period can overlap the previous one (or vanish); count each instant once.
                if floor is not None:
                    start = max(start, floor)
                if start < end:
                    found, floor = True, end
                    yield start, end
        idle_days = 0 if found else idle_days + 1
        if last_day is None and idle_days > MAX_IDLE_DAYS:
            raise ValueError(
                f"no working time in the year before {day}: the schedule's holidays cover every "
                "working day"
            )
        day += ONE_DAY


def add_working_time(start: datetime, duration: timedelta, schedule: Schedule) -> datetime:
    """The UTC instant at which `duration` of working time has elapsed after aware `start`.

    Outside working hours the clock starts at the next opening; a duration that runs out exactly
    at a closing time gives the closing time. A zero duration gives `start` itself, even outside
    working hours: nothing is left to count. An empty schedule (no hours entered) counts every
    hour, so such a clinic still gets a deadline.
    """
    current = _utc(start, "start")
    if duration < timedelta(0):
        raise ValueError(f"duration must not be negative, got {duration}")
    if schedule.is_empty or not duration:
        return current + duration
    remaining = duration
    for opens, closes in _intervals(schedule, start.astimezone(schedule.time_zone).date()):
        if closes <= current:
            continue
        opens = max(opens, current)
        if remaining <= closes - opens:
            return opens + remaining
        remaining -= closes - opens
    raise AssertionError("unreachable: _intervals is endless or raises")


def working_time_between(start: datetime, end: datetime, schedule: Schedule) -> timedelta:
    """Working time in [start, end); zero if `end` is not after `start`. An empty schedule counts
    every hour."""
    start_utc, end_utc = _utc(start, "start"), _utc(end, "end")
    if end_utc <= start_utc:
        return timedelta(0)
    if schedule.is_empty:
        return end_utc - start_utc
    zone, total = schedule.time_zone, timedelta(0)
    first_day, last_day = start.astimezone(zone).date(), end.astimezone(zone).date()
    for opens, closes in _intervals(schedule, first_day, last_day):
        overlap = min(closes, end_utc) - max(opens, start_utc)
        if overlap > timedelta(0):
            total += overlap
    return total


def is_working_time(moment: datetime, schedule: Schedule) -> bool:
    """Whether `moment` is in working hours: opening instants count, closing instants do not.
    With an empty schedule every moment does."""
    instant = _utc(moment)
    if schedule.is_empty:
        return True
    day = moment.astimezone(schedule.time_zone).date()
    return any(opens <= instant < closes for opens, closes in _intervals(schedule, day, day))
