"""A near-empty task for bench/routing.py: the floor of what a task costs on the broker."""

from functools import cache

import redis
from celery import shared_task
from django.conf import settings


@cache
def _redis():
    return redis.Redis.from_url(settings.REDIS_URL)


@shared_task(acks_late=True, ignore_result=True)
def noop(run: str) -> None:
    # Counting is the one thing it does, so the benchmark can tell when all have run.
    _redis().incr(f"bench:{run}")
