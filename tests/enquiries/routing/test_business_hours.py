"""enquiries/routing/business_hours.py: the SLA clock runs only in the clinic's working hours,
in its own time zone, across holidays, split shifts and DST changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enquiries.routing.business_hours import (
    Schedule,
    add_working_time,
    is_working_time,
    weekdays,
    working_time_between,
)

ISTANBUL = ZoneInfo("Europe/Istanbul")
LONDON = ZoneInfo("Europe/London")
BERLIN = ZoneInfo("Europe/Berlin")
HOUR = timedelta(hours=1)
NINE_TO_SIX = weekdays(time(9), time(18), "Europe/Istanbul")
SPLIT_SHIFTS = Schedule(
    ISTANBUL, {day: ((time(9), time(12)), (time(13), time(18))) for day in range(5)}
)
# Only the early hours of Sunday: the EU clocks change inside this period.
BERLIN_SUNDAY_NIGHT = Schedule(BERLIN, {6: ((time(0), time(6)),)})


def at(zone: ZoneInfo, *fields: int) -> datetime:
    return datetime(*fields, tzinfo=zone)


def test_enquiry_on_friday_night_with_four_working_hours_is_due_monday_at_one_pm():
    friday_night = at(ISTANBUL, 2025, 1, 10, 23)

    due = add_working_time(friday_night, 4 * HOUR, NINE_TO_SIX)

    assert due == at(ISTANBUL, 2025, 1, 13, 13)
    assert working_time_between(friday_night, due, NINE_TO_SIX) == 4 * HOUR


def test_enquiry_inside_hours_carries_the_rest_over_to_the_next_morning():
    tuesday_afternoon = at(ISTANBUL, 2025, 1, 14, 16)

    assert add_working_time(tuesday_afternoon, 4 * HOUR, NINE_TO_SIX) == at(
        ISTANBUL, 2025, 1, 15, 11
    )


def test_enquiry_before_opening_counts_from_opening():
    tuesday_early = at(ISTANBUL, 2025, 1, 14, 6, 30)

    assert add_working_time(tuesday_early, 4 * HOUR, NINE_TO_SIX) == at(ISTANBUL, 2025, 1, 14, 13)
    assert working_time_between(tuesday_early, at(ISTANBUL, 2025, 1, 14, 10), NINE_TO_SIX) == HOUR


def test_a_monday_holiday_pushes_the_deadline_to_tuesday():
    schedule = weekdays(time(9), time(18), "Europe/Istanbul", holidays=[date(2025, 1, 13)])

    due = add_working_time(at(ISTANBUL, 2025, 1, 10, 23), 4 * HOUR, schedule)

    assert due == at(ISTANBUL, 2025, 1, 14, 13)
    assert not is_working_time(at(ISTANBUL, 2025, 1, 13, 10), schedule)


def test_consecutive_bayram_holidays_are_all_skipped():
    kurban_bayrami = [date(2025, 6, 6) + day * timedelta(days=1) for day in range(4)]  # Fri–Mon
    schedule = weekdays(time(9), time(18), "Europe/Istanbul", holidays=kurban_bayrami)
    thursday_five_pm = at(ISTANBUL, 2025, 6, 5, 17)

    due = add_working_time(thursday_five_pm, 4 * HOUR, schedule)

    assert due == at(ISTANBUL, 2025, 6, 10, 12)  # one hour on Thursday, three on Tuesday
    assert working_time_between(thursday_five_pm, due, schedule) == 4 * HOUR


def test_the_same_arrival_is_due_at_different_instants_in_different_time_zones():
    arrival = datetime(2025, 7, 4, 6, tzinfo=UTC)  # Friday: 09:00 in Istanbul, 07:00 in London
    london = weekdays(time(9), time(18), "Europe/London")

    in_istanbul = add_working_time(arrival, 4 * HOUR, NINE_TO_SIX)
    in_london = add_working_time(arrival, 4 * HOUR, london)

    assert in_istanbul == datetime(2025, 7, 4, 10, tzinfo=UTC)
    assert in_london == datetime(2025, 7, 4, 12, tzinfo=UTC)  # 13:00 BST
    assert in_istanbul.tzinfo is UTC and in_london.tzinfo is UTC


def test_a_weekday_deadline_across_the_spring_forward_weekend_uses_the_new_offset():
    london = weekdays(time(9), time(18), "Europe/London")
    friday_four_pm = at(LONDON, 2025, 3, 28, 16)  # GMT; the clocks go forward on Sunday

    due = add_working_time(friday_four_pm, 4 * HOUR, london)

    assert due == at(LONDON, 2025, 3, 31, 11) == datetime(2025, 3, 31, 10, tzinfo=UTC)
    assert working_time_between(friday_four_pm, due, london) == 4 * HOUR


def test_a_sunday_period_across_the_clock_change_lasts_the_real_hours():
    spring_forward, fall_back, ordinary = date(2025, 3, 30), date(2025, 10, 26), date(2025, 4, 6)

    def sunday_hours(sunday: date) -> timedelta:
        saturday = datetime.combine(sunday - timedelta(days=1), time(12), tzinfo=BERLIN)
        return working_time_between(saturday, saturday + 2 * timedelta(days=1), BERLIN_SUNDAY_NIGHT)

    assert sunday_hours(spring_forward) == 5 * HOUR
    assert sunday_hours(fall_back) == 7 * HOUR
    assert sunday_hours(ordinary) == 6 * HOUR


def test_the_deadline_inside_a_sunday_period_across_the_clock_change_is_real_time():
    spring_midnight = at(BERLIN, 2025, 3, 30, 0)
    autumn_midnight = at(BERLIN, 2025, 10, 26, 0)

    assert add_working_time(spring_midnight, 5 * HOUR, BERLIN_SUNDAY_NIGHT) == at(
        BERLIN, 2025, 3, 30, 6
    )
    assert add_working_time(spring_midnight, 2 * HOUR, BERLIN_SUNDAY_NIGHT) == at(
        BERLIN, 2025, 3, 30, 3
    )
    # The sixth hour of a five-hour Sunday falls in the next Sunday's period.
    assert add_working_time(spring_midnight, 6 * HOUR, BERLIN_SUNDAY_NIGHT) == at(
        BERLIN, 2025, 4, 6, 1
    )
    assert add_working_time(autumn_midnight, 7 * HOUR, BERLIN_SUNDAY_NIGHT) == at(
        BERLIN, 2025, 10, 26, 6
    )
    # 02:00–03:00 happens twice; after six real hours the clock shows 05:00 (CET).
    assert add_working_time(autumn_midnight, 6 * HOUR, BERLIN_SUNDAY_NIGHT) == datetime(
        2025, 10, 26, 4, tzinfo=UTC
    )


def test_a_nonexistent_closing_time_is_read_before_the_jump_and_counted_once():
    # 02:30 does not exist on 30 March 2025: fold=0 reads it as 03:30 CEST, which is after the
    # second period opens, so the two overlap and the morning is 00:00 CET to 06:00 CEST.
    schedule = Schedule(BERLIN, {6: ((time(0), time(2, 30)), (time(3), time(6)))})
    saturday = at(BERLIN, 2025, 3, 29, 12)

    assert working_time_between(saturday, saturday + timedelta(days=2), schedule) == 5 * HOUR
    assert add_working_time(saturday, 5 * HOUR, schedule) == at(BERLIN, 2025, 3, 30, 6)


def test_split_shifts_do_not_count_the_lunch_break():
    tuesday_eleven = at(ISTANBUL, 2025, 1, 14, 11)

    assert add_working_time(tuesday_eleven, 2 * HOUR, SPLIT_SHIFTS) == at(ISTANBUL, 2025, 1, 14, 14)
    assert (
        working_time_between(
            at(ISTANBUL, 2025, 1, 14, 11, 30), at(ISTANBUL, 2025, 1, 14, 13, 30), SPLIT_SHIFTS
        )
        == HOUR
    )
    assert add_working_time(at(ISTANBUL, 2025, 1, 14, 12, 15), HOUR, SPLIT_SHIFTS) == at(
        ISTANBUL, 2025, 1, 14, 14
    )
    assert not is_working_time(at(ISTANBUL, 2025, 1, 14, 12, 30), SPLIT_SHIFTS)


PROPERTY_SCHEDULES = [
    NINE_TO_SIX,
    SPLIT_SHIFTS,
    BERLIN_SUNDAY_NIGHT,
    weekdays(time(9), time(18), "Europe/London", holidays=[date(2025, 12, 25), date(2025, 12, 26)]),
    Schedule(
        BERLIN, {4: ((time(22), time(0)),), 5: ((time(0), time(0)),), 6: ((time(1), time(3)),)}
    ),
    Schedule(BERLIN, {6: ((time(0), time(2, 30)), (time(3), time(6)))}),
]


@settings(derandomize=True, max_examples=200, database=None, deadline=None)
@given(
    start=st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
    ),
    minutes=st.integers(min_value=0, max_value=200 * 60),
    schedule=st.sampled_from(PROPERTY_SCHEDULES),
)
def test_working_time_between_undoes_add_working_time(start, minutes, schedule):
    duration = timedelta(minutes=minutes)

    due = add_working_time(start, duration, schedule)

    assert due >= start
    assert working_time_between(start, due, schedule) == duration


def test_an_empty_schedule_counts_wall_clock_time():
    empty = Schedule(ISTANBUL, {})
    start = at(ISTANBUL, 2025, 1, 10, 23)

    assert empty.is_empty and not NINE_TO_SIX.is_empty
    assert add_working_time(start, 4 * HOUR, empty) == at(ISTANBUL, 2025, 1, 11, 3)
    assert working_time_between(start, start + 30 * HOUR, empty) == 30 * HOUR
    assert is_working_time(start, empty)


def test_naive_datetimes_are_refused():
    naive = datetime(2025, 1, 10, 23)

    with pytest.raises(ValueError, match="aware"):
        add_working_time(naive, 4 * HOUR, NINE_TO_SIX)
    with pytest.raises(ValueError, match="aware"):
        working_time_between(at(ISTANBUL, 2025, 1, 10, 9), naive, NINE_TO_SIX)
    with pytest.raises(ValueError, match="aware"):
        is_working_time(naive, NINE_TO_SIX)


def test_a_schedule_whose_holidays_cover_every_working_day_is_refused():
    every_day = [date(2025, 1, 1) + day * timedelta(days=1) for day in range(800)]
    schedule = weekdays(time(9), time(18), "Europe/Istanbul", holidays=every_day)

    with pytest.raises(ValueError, match="holidays cover every working day"):
        add_working_time(at(ISTANBUL, 2025, 1, 10, 23), 4 * HOUR, schedule)
    assert working_time_between(
        at(ISTANBUL, 2025, 1, 1), at(ISTANBUL, 2027, 1, 1), schedule
    ) == timedelta(0)


def test_zero_duration_is_the_arrival_itself_even_outside_hours():
    friday_night = at(ISTANBUL, 2025, 1, 10, 23)

    assert add_working_time(friday_night, timedelta(0), NINE_TO_SIX) == friday_night


def test_is_working_time_includes_the_opening_and_excludes_the_closing_instant():
    assert is_working_time(at(ISTANBUL, 2025, 1, 14, 9), NINE_TO_SIX)
    assert not is_working_time(at(ISTANBUL, 2025, 1, 14, 8, 59, 59), NINE_TO_SIX)
    assert is_working_time(at(ISTANBUL, 2025, 1, 14, 17, 59, 59), NINE_TO_SIX)
    assert not is_working_time(at(ISTANBUL, 2025, 1, 14, 18), NINE_TO_SIX)
    assert not is_working_time(at(ISTANBUL, 2025, 1, 11, 10), NINE_TO_SIX)  # Saturday
    assert is_working_time(datetime(2025, 1, 14, 6, tzinfo=UTC), NINE_TO_SIX)  # 09:00 in Istanbul


def test_a_period_closing_at_midnight_runs_to_the_end_of_the_day():
    late = Schedule(ISTANBUL, {4: ((time(20), time(0)),)})

    assert is_working_time(at(ISTANBUL, 2025, 1, 10, 23, 59, 59), late)
    assert not is_working_time(at(ISTANBUL, 2025, 1, 11, 0), late)
    assert add_working_time(at(ISTANBUL, 2025, 1, 10, 20), 4 * HOUR, late) == at(
        ISTANBUL, 2025, 1, 11, 0
    )


def test_overlapping_or_unsorted_periods_are_refused():
    with pytest.raises(ValueError, match="overlap"):
        Schedule(ISTANBUL, {0: ((time(13), time(18)), (time(9), time(14)))})
    with pytest.raises(ValueError, match="empty"):
        Schedule(ISTANBUL, {0: ((time(18), time(9)),)})
    with pytest.raises(ValueError, match="weekdays"):
        Schedule(ISTANBUL, {7: ((time(9), time(18)),)})
