"""Who gets an enquiry: plain functions over plain data, no database and no Celery.

Rules, in order:
1. Only coordinators who are available (active, not away) and under capacity.
2. Language is the hard requirement: those who speak the enquiry's language.
3. Among them, prefer those with the treatment's specialty, if any has it; otherwise drop
   the specialty, never the language.
4. Least loaded first; ties go to whoever was assigned least recently (round robin).
5. Nobody speaks the language: the same rules for the fallback language.
6. Still nobody: no one; the enquiry waits, visibly unassigned, and managers are alerted.
"""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Candidate:
    id: int
    languages: frozenset[str]
    capacity: int
    open_count: int
    specialties: frozenset[str] = frozenset()
    last_assigned_at: datetime.datetime | None = None

    @property
    def has_room(self) -> bool:
        return self.open_count < self.capacity


@dataclass(frozen=True)
class Decision:
    coordinator_id: int | None
    reason: str  # in English, for logs and the managers' alert
    used_fallback: bool = False
    considered: tuple[int, ...] = field(default=(), compare=False)
    # The same reason as data, worded in each reader's language by the history (admin).
    facts: dict = field(default_factory=dict, compare=False, hash=False)


def _rank(candidate: Candidate):
    never = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return (candidate.open_count, candidate.last_assigned_at or never, candidate.id)


def _pick(candidates: list[Candidate], language: str, specialty: str | None):
    speakers = [c for c in candidates if language in c.languages and c.has_room]
    if not speakers:
        return None, False
    specialists = [c for c in speakers if specialty and specialty in c.specialties]
    pool = specialists or speakers
    return min(pool, key=_rank), bool(specialists)


def choose_coordinator(
    candidates: list[Candidate], language: str, specialty: str | None, fallback_language: str
) -> Decision:
    """Pick the coordinator for an enquiry in `language` about a `specialty` treatment.

    `candidates` must already be the available coordinators (active and not away).
    """
    chosen, by_specialty = _pick(candidates, language, specialty)
    if chosen:
        specialty = specialty if by_specialty else None
        return Decision(
            chosen.id,
            _reason(chosen, language, specialty),
            facts=_facts(chosen, language, specialty),
        )
    if fallback_language and fallback_language != language:
        chosen, by_specialty = _pick(candidates, fallback_language, specialty)
        if chosen:
            specialty = specialty if by_specialty else None
            why = _reason(chosen, fallback_language, specialty)
            return Decision(
                chosen.id,
                f"fallback: no available {language} coordinator under capacity; {why}",
                used_fallback=True,
                facts=_facts(chosen, fallback_language, specialty) | {"wanted": language},
            )
    return Decision(
        None,
        f"unassigned: no available {language} or {fallback_language} coordinator under capacity",
        facts={"wanted": language, "fallback": fallback_language},
    )


def _reason(chosen: Candidate, language: str, specialty: str | None) -> str:
    reason = f"speaks {language}, {chosen.open_count} of {chosen.capacity} open"
    if specialty:
        reason += f", specialty {specialty}"
    return reason


def _facts(chosen: Candidate, language: str, specialty: str | None) -> dict:
    facts = {"language": language, "open": chosen.open_count, "capacity": chosen.capacity}
    return facts | ({"specialty": specialty} if specialty else {})
