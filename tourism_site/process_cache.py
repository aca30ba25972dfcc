"""Cached facts that every page view reads, also kept in each process between requests.

The menus, the contacts, the market rules, the privacy notice's key... live in Redis until a
change deletes them. Read there, each costs a round trip and an unpickling (~0.4 ms), and an
uncached page reads about eight: a fifth of its CPU. So each process keeps what it has read,
tagged with a generation number kept in Redis, which every change increments once it has
deleted its keys. A request reads the generation once, with its first fact: one round trip
stands for all of them, and a change made on any host is seen by every host's next request.

Outside a request (Celery workers, the shell, a test's own code) nothing is kept, since
there is no moment at which to read the generation again: every read goes to Redis.
"""

import time
from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.dispatch import receiver

GENERATION_KEY = "tourism:facts-generation"
MAX_KEPT = 2048  # entries: the site's facts, and three lists per treatment page and language

OUTSIDE, UNREAD = object(), object()
_generation: ContextVar = ContextVar("facts_generation", default=OUTSIDE)
_kept: dict[str, tuple[int, object]] = {}


@receiver(request_started)
def _request_started(**kwargs):
    _generation.set(UNREAD)


@receiver(request_finished)
def _request_finished(**kwargs):
    _generation.set(OUTSIDE)


def _current_generation() -> int | None:
    """This request's generation, read at its first fact; None outside a request."""
    generation = _generation.get()
    if generation is OUTSIDE:
        return None
    if generation is UNREAD:
        generation = cache.get(GENERATION_KEY)
        if generation is None:  # first use, or evicted: a number no kept entry carries
            started = time.time_ns()
            added = cache.add(GENERATION_KEY, started, None)
            if added is None:  # the cache is down: nothing kept, every read tried there
                generation = None
            else:  # False: another process started one first
                generation = started if added else cache.get(GENERATION_KEY)
        _generation.set(generation)
    return generation


def kept(key: str, build):
    """build(), kept by this process for the rest of the generation (a None is not kept).
    On its own, never put in Redis: for what changes only with what starts a new
    generation (a page's links, pages/models/base.py)."""
    generation = _current_generation()
    if generation is None:
        return build()
    found = _kept.get(key)
    if found is not None and found[0] == generation:
        return found[1]
    value = build()
    if value is not None:
        _keep(key, generation, value)
    return value


def get(key: str):
    """cache.get(key), from this process's copy if it was kept in this generation."""
    return kept(key, lambda: cache.get(key))


def set(key: str, value, timeout=None) -> None:
    """cache.set(), kept by this process too (timeout: Redis's; kept ones last a generation)."""
    cache.set(key, value, timeout)
    _keep_in_this_generation(key, value)


def get_or_set(key: str, default, timeout=None):
    """As cache.get_or_set(): added, never overwriting what another process set meanwhile
    (a version it has just incremented, say)."""
    value = get(key)
    if value is None:
        value = default() if callable(default) else default
        if not cache.add(key, value, timeout):
            value = cache.get(key, value)
        _keep_in_this_generation(key, value)
    return value


def forget(*keys: str) -> None:
    """Delete `keys` and start a new generation. Call it once the change is committed:
    a request meanwhile would read the old rows and keep them."""
    cache.delete_many(keys)
    changed()


def changed() -> None:
    """Start a new generation: every process reads its facts from Redis again. After the
    keys are deleted, never before: a request in between would keep their old values."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set: the next request starts a generation nothing carries
        pass


def forget_kept() -> None:
    """Drop this process's copies (tests: a rolled-back change sends no signal)."""
    _kept.clear()


def _keep_in_this_generation(key: str, value) -> None:
    generation = _current_generation()
    if generation is not None:
        _keep(key, generation, value)


def _keep(key: str, generation: int, value) -> None:
    if len(_kept) >= MAX_KEPT:
        _kept.clear()
    _kept[key] = (generation, value)
