"""enquiries/tasks.py is imported by nothing of ours: services and beat queue its tasks by
name, and every one of those names must be a registered task."""

from django.conf import settings

from enquiries import tasks
from enquiries.intake.submissions import ROUTE_TASK
from enquiries.messaging.outbox import SEND_TASK
from tourism_site.dispatch import task_named


def test_the_names_services_queue_are_the_tasks():
    assert task_named(ROUTE_TASK).name == tasks.route_enquiries.name
    assert task_named(SEND_TASK).name == tasks.send_emails.name


def test_every_task_beat_runs_is_registered():
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert task_named(entry["task"]).name == entry["task"]
