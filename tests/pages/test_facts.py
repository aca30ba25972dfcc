from django.utils import translation

from pages import facts


def test_ranges_read_left_to_right_inside_right_to_left_text():
    with translation.override("ar"):
        assert facts.format_range(15, 30) == "\u206615–30\u2069"
    with translation.override("de"):
        assert facts.format_range(15, 30) == "15–30"
    assert facts.format_range(3, 3) == "3"


def test_units_are_translated_and_pluralised():
    with translation.override("de"):
        assert facts.minutes(15, 30) != "15–30 minutes"
    with translation.override("en"):
        assert facts.days(1, 1) == "1 day"
        assert facts.days(0, 0).startswith("None")
        assert facts.results_time(0, 14) == "Immediately, settling within 14 days"


def test_facts_worded_for_running_text():
    """Email templates put these inside a sentence: "Results usually show {…}"."""
    with translation.override("en"):
        assert facts.results_time_in_text(0, 0) == "straight away"
        assert facts.results_time_in_text(0, 14) == "straight away, settling within 14 days"
        assert facts.results_time_in_text(3, 14) == "after 3–14 days"
    with translation.override("de"):
        assert facts.results_time_in_text(3, 14) == "nach 3–14 Tagen"
