"""enquiries/routing/rules.py: the rules, on plain data."""

import datetime

from enquiries.routing.rules import Candidate, choose_coordinator

T0 = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)


def coordinator(id, languages, open_count=0, capacity=5, specialties=(), last=None):
    return Candidate(
        id=id,
        languages=frozenset(languages),
        capacity=capacity,
        open_count=open_count,
        specialties=frozenset(specialties),
        last_assigned_at=last,
    )


def choose(candidates, language="ar", specialty=None, fallback="en"):
    return choose_coordinator(candidates, language, specialty, fallback)


def test_only_speakers_of_the_language_are_chosen():
    decision = choose([coordinator(1, ["en"]), coordinator(2, ["ar", "en"], open_count=4)])

    assert decision.coordinator_id == 2
    assert decision.reason == "speaks ar, 4 of 5 open"
    assert decision.facts == {"language": "ar", "open": 4, "capacity": 5}


def test_least_loaded_speaker_wins():
    decision = choose([coordinator(1, ["ar"], open_count=3), coordinator(2, ["ar"], open_count=1)])

    assert decision.coordinator_id == 2


def test_coordinator_at_capacity_is_skipped():
    decision = choose(
        [
            coordinator(1, ["ar"], open_count=5, capacity=5),
            coordinator(2, ["ar"], open_count=9, capacity=10),
        ]
    )

    assert decision.coordinator_id == 2


def test_tie_goes_to_who_was_assigned_least_recently():
    decision = choose(
        [
            coordinator(1, ["ar"], last=T0 + datetime.timedelta(hours=2)),
            coordinator(2, ["ar"], last=T0),
            coordinator(3, ["ar"], last=T0 + datetime.timedelta(hours=1)),
        ]
    )

    assert decision.coordinator_id == 2


def test_never_assigned_comes_before_assigned():
    decision = choose([coordinator(1, ["ar"], last=T0), coordinator(2, ["ar"], last=None)])

    assert decision.coordinator_id == 2


def test_specialist_preferred_even_when_busier():
    decision = choose(
        [
            coordinator(1, ["ar"], open_count=0),
            coordinator(2, ["ar"], open_count=2, specialties=["dental"]),
        ],
        specialty="dental",
    )

    assert decision.coordinator_id == 2
    assert decision.reason == "speaks ar, 2 of 5 open, specialty dental"


def test_specialty_is_dropped_before_language():
    decision = choose(
        [
            coordinator(1, ["en"], specialties=["dental"]),
            coordinator(2, ["ar"], open_count=1),
        ],
        specialty="dental",
    )

    assert decision.coordinator_id == 2
    assert "specialty" not in decision.reason


def test_full_specialist_is_skipped_for_a_speaker_with_room():
    decision = choose(
        [
            coordinator(1, ["ar"], open_count=5, specialties=["dental"]),
            coordinator(2, ["ar"], open_count=1),
        ],
        specialty="dental",
    )

    assert decision.coordinator_id == 2


def test_falls_back_to_the_fallback_language():
    decision = choose([coordinator(1, ["en"], open_count=1), coordinator(2, ["de"])], language="fa")

    assert decision.coordinator_id == 1
    assert decision.used_fallback
    assert decision.reason.startswith("fallback: no available fa coordinator")


def test_nobody_fits_leaves_it_unassigned():
    decision = choose([coordinator(1, ["en"], open_count=5), coordinator(2, ["de"])], language="fa")

    assert decision.coordinator_id is None
    assert decision.reason.startswith("unassigned:")
