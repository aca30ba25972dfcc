"""Routing throughput with Redis, PostgreSQL and two Celery worker processes.

Usage: DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/routing.py
       [--enquiries N]
Creates (and drops) a database of its own beside DATABASE_URL's. Measures, end to end from
the first message queued: N near-empty tasks, then N enquiries routed and their coordinators
notified (anymail's test backend), while the same workers also send each patient's
acknowledgement. Last line:
routed_per_s=N empty_task_per_s=N ratio=R lost=N double_assigned=N over_capacity=N
"""

import argparse
import os
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def bench_database_url() -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    if not parts.scheme.startswith("postgres"):
        sys.exit("bench/routing.py needs DATABASE_URL to point at PostgreSQL")
    return urlunsplit(parts._replace(path="/tourism_bench"))


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS tourism_bench")
        connection.execute("CREATE DATABASE tourism_bench")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--enquiries", type=int, default=2000)
    args = parser.parse_args()
    count = args.enquiries

    url = bench_database_url()
    recreate_database(url)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tourism_site.settings.test",
        "CELERY_QUEUE": queue,
        "CONN_MAX_AGE": "600",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from wagtail.models import Locale

    from enquiries.demo import demo_email_templates

    # Routing also schedules the patient's acknowledgement, sent by the same workers.
    demo_email_templates(Locale.get_default())

    import redis
    from django.conf import settings
    from django.db.models import Count

    from bench.tasks import noop
    from enquiries.intake.submissions import dispatch_routing
    from enquiries.models import Enquiry, EnquiryEvent, OutgoingEmail
    from tests.enquiries.factories import make_coordinator, make_enquiry
    from tests.enquiries.real_services import celery_workers, wait_until
    from tourism_site.celery import app

    app.conf.task_default_queue = queue
    workers = celery_workers(2, queue, concurrency=1, extra_args=["-I", "bench.tasks"])
    with workers:
        # Near-empty tasks.
        counter = redis.Redis.from_url(settings.REDIS_URL)
        run = uuid.uuid4().hex
        started = time.perf_counter()
        for _ in range(count):
            noop.delay(run)
        wait_until(lambda: int(counter.get(f"bench:{run}") or 0) >= count, timeout=600)
        empty_per_s = count / (time.perf_counter() - started)
        counter.delete(f"bench:{run}")

        # Routing: enough coordinators for everyone, in the enquiries' languages.
        languages = ["en", "de", "ar", "ru", "tr", "fr", "nl"]
        coordinators = [
            make_coordinator([language], capacity=count) for language in languages for _ in range(2)
        ]
        enquiries = [make_enquiry(language=languages[n % len(languages)]) for n in range(count)]
        started = time.perf_counter()
        for enquiry in enquiries:
            dispatch_routing(enquiry.pk)
        wait_until(lambda: not Enquiry.objects.filter(routed_at__isnull=True).exists(), 600, 0.05)
        routed_after = time.perf_counter() - started
        wait_until(
            lambda: (
                OutgoingEmail.objects.filter(kind="coordinator_assigned", status="sent").count()
                >= count
            ),
            timeout=600,
            interval=0.05,
        )
        notified_after = time.perf_counter() - started
        routed_per_s = count / notified_after
        print(f"all routed after {routed_after:.2f} s, all notified after {notified_after:.2f} s")

        lost = Enquiry.objects.filter(coordinator__isnull=True).count()
        double = (
            EnquiryEvent.objects.filter(kind="assigned")
            .values("enquiry")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .count()
        )
        over = sum(1 for c in coordinators if c.enquiries.count() > c.capacity)
    print(
        f"routed_per_s={routed_per_s:.0f} empty_task_per_s={empty_per_s:.0f} "
        f"ratio={routed_per_s / empty_per_s:.2f} lost={lost} double_assigned={double} "
        f"over_capacity={over}"
    )


if __name__ == "__main__":
    main()
