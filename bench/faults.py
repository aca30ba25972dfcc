"""The outbox and intake under faults, end to end on PostgreSQL, Redis and real workers, with
an HTTP provider (tests/enquiries/provider_stub.py behind anymail's Postmark backend).

Usage: DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/faults.py
       [--backlog N] [--posts N]
Creates (and drops) a database of its own beside DATABASE_URL's. Runs:
1. a worker SIGKILLed (with its pool) while sending a backlog, then restarted; the provider's
   delivery reports are posted for what it took;
2. the provider taking messages and dropping the connection before answering;
3. the provider answering 500 for a while, then recovering;
4. PostgreSQL (a server of its own) stopped while patients post enquiries, then restarted.
Last line: never_sent=N sent_twice=N in_doubt=N posts_failed=N lost=N
(budget: all zero but in_doubt, at most pool size x chunk, each settled by a webhook or
never handed to the provider, see docs/operations.md).
"""

import argparse
import datetime
import os
import sys
import time
import uuid
from pathlib import Path

from routing import bench_database_url, recreate_database

ROOT = Path(__file__).resolve().parent.parent
POOL = 2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backlog", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=100)
    args = parser.parse_args()

    url = bench_database_url()
    recreate_database(url)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "tourism_site.settings.test",
            "CELERY_QUEUE": queue,
            "CONN_MAX_AGE": "0",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from pages.demo.loader import load_demo_content

    load_demo_content(languages=["ar"], report=lambda line: None)

    from django.conf import settings

    from tests.enquiries.provider_stub import ProviderStub
    from tourism_site.celery import app

    app.conf.task_default_queue = queue
    with ProviderStub() as provider:
        never_sent, sent_twice, in_doubt = worker_killed(provider, queue, args.backlog)
        dropped_twice, dropped_unsettled = answer_dropped(provider, queue)
        failing_never, failing_twice = provider_failing(provider, queue)
    posts_failed, lost = database_stopped(queue, args.posts)
    budget = POOL * settings.EMAIL_SEND_CHUNK
    print(
        f"provider dropping answers: sent_twice={dropped_twice} unsettled={dropped_unsettled}; "
        f"provider failing: never_sent={failing_never} sent_twice={failing_twice}; "
        f"in_doubt budget={budget}"
    )
    print(
        f"never_sent={never_sent + failing_never + dropped_unsettled} "
        f"sent_twice={sent_twice + dropped_twice + failing_twice} in_doubt={in_doubt} "
        f"posts_failed={posts_failed} lost={lost}"
    )


def backlog(size: int) -> list[int]:
    from enquiries.models import OutgoingEmail
    from tests.enquiries.factories import make_coordinator, make_enquiry

    coordinator = make_coordinator(["en"], capacity=size)
    enquiries = [make_enquiry(coordinator=coordinator, status="assigned") for _ in range(size)]
    emails = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(kind="acknowledgement", enquiry=e, recipient=e.email, language="en")
        for e in enquiries
    )
    return [email.pk for email in emails]


def sweep(now=None) -> None:
    from enquiries.messaging import outbox
    from tourism_site import dispatch

    outbox.doubt_abandoned_claims(now=now)
    dispatch.send_in_batches("enquiries.tasks.send_emails", outbox.due_email_ids(), size=100)


def statuses(ids) -> dict[int, str]:
    from enquiries.models import OutgoingEmail

    return dict(OutgoingEmail.objects.filter(pk__in=ids).values_list("pk", "status"))


def settled(ids) -> bool:
    return not {"pending", "sending"} & set(statuses(ids).values())


def deliver_reports(ids, taken) -> None:
    """The provider's delivery webhooks for the emails of `ids` it took."""
    from enquiries.models import OutgoingEmail
    from tests.enquiries.webhooks import postmark_delivered

    for email in OutgoingEmail.objects.filter(pk__in=ids):
        if str(email.pk) in taken:
            postmark_delivered(email.pk, email.recipient)


def twice(taken, ids) -> int:
    return sum(taken[str(pk)] - 1 for pk in ids if taken[str(pk)] > 1)


def worker_killed(provider, queue, size):
    from django.conf import settings

    from tests.enquiries.real_services import celery_workers, kill_outright, wait_until

    ids = backlog(size)
    provider.mode, provider.delay = "slow", 0.005
    started = time.perf_counter()
    with celery_workers(1, queue, concurrency=POOL, **provider.worker_env()) as [worker]:
        sweep()
        wait_until(lambda: sum(provider.taken().values()) >= size // 4, 300, 0.02)
        kill_outright(worker)
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(
        seconds=settings.EMAIL_CLAIM_ABANDONED_AFTER
    )
    with celery_workers(1, queue, concurrency=POOL, **provider.worker_env()):
        sweep(now=later)
        wait_until(lambda: settled(ids), timeout=600)
    elapsed = time.perf_counter() - started
    taken = provider.taken()
    in_doubt = [pk for pk, status in statuses(ids).items() if status == "in_doubt"]
    deliver_reports(in_doubt, taken)
    final = statuses(ids)
    never = [pk for pk in ids if str(pk) not in taken and final[pk] != "in_doubt"]
    print(
        f"worker killed: {size} emails in {elapsed:.1f} s, {len(in_doubt)} in doubt, "
        f"{sum(final[pk] == 'in_doubt' for pk in ids)} still in doubt after the webhooks "
        f"(never handed to the provider)"
    )
    return len(never), twice(taken, ids), len(in_doubt)


def answer_dropped(provider, queue):
    from tests.enquiries.real_services import celery_workers, wait_until

    ids = backlog(20)
    provider.mode = "drop"
    with celery_workers(1, queue, concurrency=POOL, **provider.worker_env()):
        sweep()
        wait_until(lambda: settled(ids))
        sweep()  # beat runs again: nothing in doubt is resent
        time.sleep(2)
    taken = provider.taken()
    deliver_reports(ids, taken)
    unsettled = sum(status != "sent" for status in statuses(ids).values())
    return twice(taken, ids), unsettled


def provider_failing(provider, queue):
    from django.utils import timezone

    from enquiries.models import OutgoingEmail
    from tests.enquiries.real_services import celery_workers, wait_until

    ids = backlog(50)
    provider.mode = "error"
    with celery_workers(1, queue, concurrency=POOL, **provider.worker_env()):
        sweep()
        retrying = OutgoingEmail.objects.filter(pk__in=ids, status="pending", attempts=1)
        wait_until(lambda: retrying.count() == len(ids))
        provider.mode = "accept"
        # A minute later, as far as the retries are concerned.
        OutgoingEmail.objects.filter(pk__in=ids).update(due_at=timezone.now())
        sweep()
        wait_until(lambda: settled(ids))
    taken = provider.taken()
    never = sum(str(pk) not in taken for pk in ids)
    return never, twice(taken, ids)


def database_stopped(queue, posts):
    from pages.models import TreatmentPage
    from tests.enquiries.factories import make_coordinator
    from tests.enquiries.intake.test_outage import fields
    from tests.enquiries.private_services import private_postgres
    from tests.enquiries.real_services import Browser, celery_workers, wait_until, web_server
    from tourism_site import dispatch

    make_coordinator(["ar", "en"], capacity=posts * 2)
    page = TreatmentPage.objects.get(locale__language_code="ar", slug="botox")
    services = {"ENQUIRY_RATE_LIMIT": "100000/m", "CONN_MAX_AGE": "0"}
    with private_postgres() as database:
        services["DATABASE_URL"] = database.url
        with (
            web_server(CELERY_QUEUE=queue, **services) as base,
            celery_workers(1, queue, **services),
        ):
            browser = Browser(base)
            forms = [browser.open_form(page.url) for _ in range(posts)]
            database.stop()
            started = time.perf_counter()
            answers = [browser.submit(form, fields(page, n)).status for n, form in enumerate(forms)]
            elapsed = time.perf_counter() - started
            database.start()
            dispatch.send_now("enquiries.tasks.save_spooled_enquiries")
            count = (
                "SELECT count(*), count(coordinator_id) FROM enquiries_enquiry "
                "WHERE full_name LIKE 'Layla Haddad %'"
            )
            try:
                wait_until(lambda: database.query(count)[0] == (posts, posts), timeout=120)
            except AssertionError:
                pass
            saved, routed = database.query(count)[0]
    failed = sum(status != 302 for status in answers)
    print(
        f"database stopped: {posts} posts in {elapsed:.1f} s "
        f"({elapsed / posts * 1000:.0f} ms each on average); "
        f"{saved} saved and {routed} routed after it returned"
    )
    return failed, posts - saved


if __name__ == "__main__":
    main()
