"""enquiries/dispatch.py: a dead broker never holds up the caller."""

import time

from celery import Celery

from enquiries import dispatch

# Not set as the current app: the project's tasks must keep publishing to the real broker.
dead_broker = Celery("dead", broker="redis://127.0.0.1:1/0", set_as_current=False)
dead_broker.conf.broker_connection_timeout = 0.5


@dead_broker.task(name="tests.dead_broker_task")
def task_on_a_dead_broker(value):
    return value


def test_send_later_returns_at_once_even_when_the_broker_is_down(caplog):
    started = time.perf_counter()
    for value in range(3):
        dispatch.send_later(task_on_a_dead_broker, value)
    elapsed = time.perf_counter() - started

    assert elapsed < 0.1
    dispatch.flush()  # the background thread tried, and failed, to publish each one
    assert caplog.text.count("Could not queue tests.dead_broker_task") == 3


def test_send_now_reports_failure_instead_of_raising():
    assert dispatch.send_now(task_on_a_dead_broker, 1) is False
