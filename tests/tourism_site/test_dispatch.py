"""tourism_site/dispatch.py: a dead broker never holds up the caller; ids travel in batches."""

import queue
import threading
import time

from celery import Celery

from tourism_site import dispatch

# Not set as the current app: the project's tasks must keep publishing to the real broker.
dead_broker = Celery("dead", broker="redis://127.0.0.1:1/0", set_as_current=False)
dead_broker.conf.broker_connection_timeout = 0.5


@dead_broker.task(name="tests.dead_broker_task")
def task_on_a_dead_broker(ids):
    return ids


@dead_broker.task(name="tests.other_task")
def other_task(ids):
    return ids


def test_send_later_returns_at_once_even_when_the_broker_is_down(caplog):
    started = time.perf_counter()
    for value in range(3):
        dispatch.send_later(task_on_a_dead_broker, value)
    elapsed = time.perf_counter() - started

    assert elapsed < 0.1
    dispatch.flush()  # the background thread tried, and failed, to publish them
    assert "Could not queue tests.dead_broker_task" in caplog.text


def test_ids_waiting_together_go_in_one_message_per_task():
    pending = queue.Queue()
    for item in [(task_on_a_dead_broker, 1), (other_task, 7), (task_on_a_dead_broker, 2)]:
        pending.put(item)

    batches, taken = dispatch.take_batches(pending)

    assert batches == {task_on_a_dead_broker: [1, 2], other_task: [7]}
    assert taken == 3


def test_ids_handed_over_shortly_after_the_first_go_in_its_message():
    pending = queue.Queue()
    pending.put((task_on_a_dead_broker, 1))

    def a_moment_later():
        time.sleep(dispatch.LINGER_SECONDS / 4)
        pending.put((task_on_a_dead_broker, 2))

    threading.Thread(target=a_moment_later).start()
    started = time.monotonic()
    batches, taken = dispatch.take_batches(pending)

    assert batches == {task_on_a_dead_broker: [1, 2]} and taken == 2
    assert time.monotonic() - started < dispatch.LINGER_SECONDS * 2  # not held up longer


def test_a_batch_stops_at_its_size():
    pending = queue.Queue()
    for item_id in range(5):
        pending.put((task_on_a_dead_broker, item_id))

    assert dispatch.take_batches(pending, size=2) == ({task_on_a_dead_broker: [0, 1]}, 2)
    assert dispatch.take_batches(pending, size=2) == ({task_on_a_dead_broker: [2, 3]}, 2)
    assert dispatch.take_batches(pending, size=2) == ({task_on_a_dead_broker: [4]}, 1)


def test_send_now_reports_failure_instead_of_raising():
    assert dispatch.send_now(task_on_a_dead_broker, [1]) is False
