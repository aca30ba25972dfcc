"""`/health/`: whether the site can do its work, as JSON, 200 when it can and 503 when not.

Checks: the database and Redis answer; beat's heartbeat task ran lately (so beat, the broker
and a worker are all alive); no due email waits longer than EMAIL_OVERDUE_MINUTES; no
enquiry waits for its first routing attempt longer than HEALTH_UNROUTED_MINUTES (those
nobody can take are not counted: managers are alerted about them); Redis does not evict
keys without an expiry (the spool, the broker's messages). Also reported: the enquiries
waiting in the spool. No secrets, no personal data, only ages and counts.

`/health/?scope=web` checks only what a load balancer needs to send patients to this web
process: that it answers and can keep an enquiry (in the database, or else in the spool).
`python manage.py health [--only NAME]` runs the same checks for container health checks.
"""

import time

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .celery import HEARTBEAT_KEY


def check_database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure to reach it
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def check_redis(eviction: bool = True) -> dict:
    """Redis answers; and, unless `eviction` is False, it may not evict what has no expiry:
    spooled enquiries and task messages would be lost without a trace (an allkeys-* policy,
    usual for a Redis that only caches; the default noeviction and volatile-* keep them)."""
    from enquiries.intake import spool

    client = spool.client()
    if client is None:
        return {"ok": True, "configured": False}
    try:
        client.ping()
        result = {"ok": True, "spooled_enquiries": spool.waiting()}
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    if eviction and (policy := eviction_policy(client)) is not None:
        result["eviction_policy"] = policy
        result["ok"] = not policy.startswith("allkeys")
    return result


def eviction_policy(client) -> str | None:
    """Redis's maxmemory-policy; None where CONFIG is not allowed (some hosted Redis)."""
    try:
        return client.config_get("maxmemory-policy").get("maxmemory-policy")
    except redis.RedisError:
        return None


def check_beat() -> dict:
    last = cache.get(HEARTBEAT_KEY)
    if last is None:
        return {"ok": False, "last_run_seconds_ago": None}
    age = round(time.time() - last)
    return {"ok": age <= settings.HEALTH_BEAT_SECONDS, "last_run_seconds_ago": age}


def check_backlogs() -> dict:
    from enquiries.messaging import outbox
    from enquiries.routing import sla

    now = timezone.now()
    try:
        due = outbox.oldest_due_at()
        unrouted = sla.oldest_waiting_for_routing_at()
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    due_age = round((now - due).total_seconds()) if due else 0
    unrouted_age = round((now - unrouted).total_seconds()) if unrouted else 0
    return {
        "ok": due_age <= settings.EMAIL_OVERDUE_MINUTES * 60
        and unrouted_age <= settings.HEALTH_UNROUTED_MINUTES * 60,
        "oldest_due_email_seconds": due_age,
        "oldest_unrouted_enquiry_seconds": unrouted_age,
    }


CHECKS = {
    "database": check_database,
    "redis": check_redis,
    "beat": check_beat,
    "backlogs": check_backlogs,
}


def run_checks(names=None) -> dict:
    results = {name: CHECKS[name]() for name in names or CHECKS}
    return {"ok": all(result["ok"] for result in results.values()), "checks": results}


def web_checks() -> dict:
    # A risky eviction policy is for the full report: this host can still keep enquiries.
    database, spool = check_database(), check_redis(eviction=False)
    can_keep_enquiries = database["ok"] or (spool["ok"] and spool.get("configured", True))
    return {"ok": can_keep_enquiries, "checks": {"database": database, "redis": spool}}


@never_cache
def health(request):
    report = web_checks() if request.GET.get("scope") == "web" else run_checks()
    return JsonResponse(report, status=200 if report["ok"] else 503)
