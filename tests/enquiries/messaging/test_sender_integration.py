"""The outbox with a real worker process against Redis and PostgreSQL: a worker killed in
the middle of a batch leaves no email sent twice. Skipped without the services (failed
under CI)."""

import datetime
from collections import Counter

import redis
from django.conf import settings

from enquiries.messaging import outbox
from enquiries.models import OutgoingEmail
from enquiries.tasks import send_emails
from tests.enquiries.factories import make_coordinator, make_enquiry
from tests.enquiries.real_services import celery_workers, wait_until
from tests.enquiries.recording_backend import SENT_KEY

SLOW_PROVIDER = {
    "TEST_EMAIL_BACKEND": "tests.enquiries.recording_backend.EmailBackend",
    "TEST_EMAIL_DELAY_SECONDS": "0.2",
}


def test_a_worker_killed_mid_batch_sends_nothing_twice(committed, queue):
    recorder = redis.Redis.from_url(settings.REDIS_URL)
    recorder.delete(SENT_KEY)
    coordinator = make_coordinator(["en"])
    enquiries = [make_enquiry(coordinator=coordinator, status="assigned") for _ in range(30)]
    emails = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(kind="acknowledgement", enquiry=e, recipient=e.email, language="en")
        for e in enquiries
    )
    ids = [email.pk for email in emails]

    # The solo pool runs the task in the worker process itself, so killing it kills the task.
    with celery_workers(1, queue, extra_args=["-P", "solo"], **SLOW_PROVIDER) as [worker]:
        send_emails.apply_async((ids,))
        wait_until(lambda: recorder.llen(SENT_KEY) >= 5, timeout=60, interval=0.05)
        worker.kill()
        worker.wait()
    handed_over_before_the_kill = recorder.llen(SENT_KEY)
    assert handed_over_before_the_kill < len(ids)

    # The message comes back (late acknowledgement), or beat's sender runs: both only claim
    # what is still pending.
    with celery_workers(1, queue, **SLOW_PROVIDER | {"TEST_EMAIL_DELAY_SECONDS": "0"}):
        send_emails.apply_async((ids,))
        wait_until(
            lambda: not OutgoingEmail.objects.filter(pk__in=ids, status="pending").exists(),
            timeout=60,
        )
    outbox.fail_abandoned_claims(older_than=datetime.timedelta(0))

    handed_over = Counter(int(email_id) for email_id in recorder.lrange(SENT_KEY, 0, -1))
    assert max(handed_over.values()) == 1  # nothing sent twice
    statuses = dict(OutgoingEmail.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert set(statuses.values()) <= {"sent", "failed"}
    sent = {pk for pk, status in statuses.items() if status == "sent"}
    in_doubt = {pk for pk, status in statuses.items() if status == "failed"}
    assert sent <= set(handed_over)
    assert in_doubt  # the batch the dead worker had claimed, marked for a person to check
    assert len(sent) + len(in_doubt) == len(ids)
