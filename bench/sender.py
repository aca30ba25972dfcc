"""The periodic sender working through a backlog of due emails with two worker processes.

Usage: DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/sender.py
       [--backlog N]
Creates (and drops) a database of its own beside DATABASE_URL's, writes N due patient emails
(rendered at sending time from the templates and pages, as in production), starts two
workers whose provider is anymail's test backend recording every accepted message in Redis,
runs the periodic task once and times until every email is sent. Last line:
backlog=N seconds=S sent=N duplicates=N
"""

import argparse
import os
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.routing import bench_database_url, recreate_database  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backlog", type=int, default=10_000)
    args = parser.parse_args()

    url = bench_database_url()
    recreate_database(url)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="tourism_site.settings.test",
        CELERY_QUEUE=queue,
        CONN_MAX_AGE="600",
        TEST_EMAIL_BACKEND="tests.enquiries.recording_backend.EmailBackend",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from pages.demo.loader import load_demo_content

    load_demo_content(report=lambda line: None)

    import redis
    from django.conf import settings

    from enquiries.models import FollowUpKind, OutgoingEmail
    from enquiries.tasks import send_due_emails
    from pages.models import TreatmentPage
    from tests.enquiries.factories import make_coordinator, make_enquiry
    from tests.enquiries.real_services import celery_workers, wait_until
    from tests.enquiries.recording_backend import SENT_KEY
    from tourism_site.celery import app

    app.conf.task_default_queue = queue
    languages = [code for code, _name in settings.LANGUAGES]
    treatments = list(TreatmentPage.objects.filter(locale__language_code="en"))
    coordinator = make_coordinator(["en"])
    kinds = FollowUpKind.values
    emails = []
    for number in range(args.backlog // len(kinds) + 1):
        enquiry = make_enquiry(
            language=languages[number % len(languages)],
            treatment=treatments[number % len(treatments)],
            coordinator=coordinator,
            status="assigned",
        )
        emails += [
            OutgoingEmail(
                kind=kind, enquiry=enquiry, recipient=enquiry.email, language=enquiry.language
            )
            for kind in kinds
        ]
    OutgoingEmail.objects.bulk_create(emails[: args.backlog])
    backlog = OutgoingEmail.objects.filter(status="pending").count()
    recorder = redis.Redis.from_url(settings.REDIS_URL)
    recorder.delete(SENT_KEY)

    with celery_workers(2, queue, concurrency=1):
        started = time.perf_counter()
        send_due_emails.delay()
        wait_until(
            lambda: not OutgoingEmail.objects.filter(status__in=["pending", "sending"]).exists(),
            timeout=600,
            interval=0.1,
        )
        seconds = time.perf_counter() - started

    sent = OutgoingEmail.objects.filter(status="sent").count()
    accepted = Counter(recorder.lrange(SENT_KEY, 0, -1))
    duplicates = sum(count - 1 for count in accepted.values() if count > 1)
    print(f"failed={OutgoingEmail.objects.filter(status='failed').count()}")
    print(f"backlog={backlog} seconds={seconds:.1f} sent={sent} duplicates={duplicates}")


if __name__ == "__main__":
    main()
