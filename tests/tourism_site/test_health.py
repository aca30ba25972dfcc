"""tourism_site/health.py: /health/ says what works, 200 or 503, and nothing personal."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from enquiries.models import Enquiry, OutgoingEmail
from tests.enquiries.factories import make_enquiry
from tests.enquiries.real_services import require_real_services
from tourism_site import health
from tourism_site.celery import record_heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def beat_alive():
    record_heartbeat()
    yield
    cache.delete(health.HEARTBEAT_KEY)


def report(client, **params):
    response = client.get("/health/", params)
    return response.status_code, response.json()


def test_all_well_is_200_with_each_check(client, beat_alive):
    status, body = report(client)

    assert status == 200 and body["ok"] is True
    assert set(body["checks"]) == {"database", "redis", "beat", "backlogs"}
    assert body["checks"]["beat"]["last_run_seconds_ago"] <= 1


def test_a_silent_beat_is_503_but_not_for_the_load_balancer(client):
    cache.delete(health.HEARTBEAT_KEY)

    status, body = report(client)
    assert status == 503 and body["checks"]["beat"]["ok"] is False
    assert report(client, scope="web")[0] == 200


def test_an_overdue_email_or_an_enquiry_never_routed_is_503(client, beat_alive, settings):
    settings.EMAIL_OVERDUE_MINUTES = 10
    email = OutgoingEmail.objects.create(
        kind="manager_alert",
        recipient="private@example.com",
        language="en",
        due_at=timezone.now() - timedelta(minutes=11),
    )
    status, body = report(client)
    assert status == 503 and body["checks"]["backlogs"]["oldest_due_email_seconds"] >= 660
    assert "private@example.com" not in str(body)

    email.delete()
    enquiry = make_enquiry()
    Enquiry.objects.filter(pk=enquiry.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert report(client)[0] == 503
    # Tried, and nobody can take it: managers are alerted; the site itself is healthy.
    Enquiry.objects.filter(pk=enquiry.pk).update(routing_tried_at=timezone.now())
    assert report(client)[0] == 200


@pytest.fixture
def redis_evicting_any_key():
    """The test Redis set to evict any key when full, as a cache-only Redis often is."""
    require_real_services()
    from enquiries.intake import spool

    server = spool.client()
    policy = server.config_get("maxmemory-policy")["maxmemory-policy"]
    server.config_set("maxmemory-policy", "allkeys-lru")
    yield
    server.config_set("maxmemory-policy", policy)


def test_a_redis_that_may_evict_the_spool_is_503_but_not_for_the_load_balancer(
    client, beat_alive, redis_evicting_any_key
):
    status, body = report(client)

    # Spooled enquiries and task messages have no expiry: only such a policy evicts them.
    assert status == 503
    assert body["checks"]["redis"] == {
        "ok": False,
        "spooled_enquiries": 0,
        "eviction_policy": "allkeys-lru",
    }
    assert report(client, scope="web")[0] == 200  # enquiries can still be kept
