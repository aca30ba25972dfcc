"""One beat at a time across hosts: a second beat started by mistake publishes nothing while
the first runs, and takes over once the first is killed (real Redis, real beat processes)."""

import json
import os
import signal
import subprocess
import time
import uuid

import pytest
import redis
from django.conf import settings

from tests.enquiries.real_services import BIN, ROOT, require_real_services, service_env, wait_until

TASK = "enquiries.tasks.save_spooled_enquiries"  # every 15 s, the shortest schedule


@pytest.fixture
def broker(django_db_setup):
    require_real_services()
    client = redis.Redis.from_url(settings.REDIS_URL)
    prefix, queue = f"test-beat-{uuid.uuid4().hex[:8]}", f"test-{uuid.uuid4().hex[:8]}"
    yield client, prefix, queue
    client.delete(queue, *client.keys(f"{prefix}*"))


def start_beat(prefix: str, queue: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "celery"), "-A", "tourism_site", "beat", "-l", "info"],
        cwd=ROOT,
        env=service_env(BEAT_KEY_PREFIX=prefix, CELERY_QUEUE=queue),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def published(client, queue: str) -> int:
    """How many messages of TASK wait in the queue (no worker takes them)."""
    messages = [json.loads(raw) for raw in client.lrange(queue, 0, -1)]
    return sum(message["headers"]["task"] == TASK for message in messages)


def test_a_second_beat_waits_and_takes_over_when_the_first_dies(broker):
    client, prefix, queue = broker
    first = start_beat(prefix, queue)
    second = None
    try:
        wait_until(lambda: client.exists(f"{prefix}:lock"), timeout=30)
        second = start_beat(prefix, queue)
        time.sleep(1)
        holder = client.get(f"{prefix}:lock")

        wait_until(lambda: published(client, queue) >= 1, timeout=30)
        time.sleep(17)  # past the next run: one beat publishes it once
        assert published(client, queue) == 2
        assert client.get(f"{prefix}:lock") == holder  # the second one still waits

        os.killpg(first.pid, signal.SIGKILL)  # the first beat's host is lost
        first.wait()
        before = published(client, queue)
        # The lock expires (30 s) and the second beat publishes the next runs.
        wait_until(lambda: published(client, queue) > before, timeout=75)
        assert client.get(f"{prefix}:lock") not in (None, holder)
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
