"""Queueing Celery tasks without making a web request wait for the broker.

Publishing to a broker that is down or slow can take seconds (connection attempts and
retries), so requests hand ids to one background thread per process, which publishes them.
Ids handed over within a fifth of a second of the first, or while the thread is busy, go
out together, one message per task with a list of ids: under load, one task routes or sends
a whole batch. If publishing fails, or the process dies first, nothing is lost: the database
still holds the work, and the periodic sweeps (beat) queue it again.

A task is given as a task object or by its registered name: services name the tasks they
queue (`"enquiries.tasks.send_emails"`) instead of importing tasks.py, which imports them.
"""

import logging
import os
import queue
import threading
import time

from celery import Task

from .celery import app

logger = logging.getLogger(__name__)

# Up to this many ids per message: bigger batches amortise a routing's locks and commits.
BATCH_SIZE = 250
# How long the thread waits, after the first id, for others to share its message: a message
# costs ~1.1 ms of the web process's CPU whatever it holds, so at 25 enquiries a second per
# process this publishes one message for ~5 of them, for a fifth of a second later routing.
LINGER_SECONDS = 0.2

_pending: queue.Queue = queue.Queue(maxsize=100_000)
_lock = threading.Lock()
_worker: tuple[int, threading.Thread] | None = None


def task_named(task: Task | str) -> Task:
    """The task itself, looked up in the project's Celery app when given by name."""
    if not isinstance(task, str):
        return task
    if task not in app.tasks:
        # A web process has not run Celery's autodiscovery (workers do it at start).
        app.loader.import_default_modules()
    return app.tasks[task]


def send_later(task: Task | str, *ids: int) -> None:
    """Queue `task(ids)` from the background thread; never blocks, never raises (but for
    a task name that is not registered: a mistake to find in tests, not at run time)."""
    task = task_named(task)
    _ensure_thread()
    for item_id in ids:
        try:
            _pending.put_nowait((task, item_id))
        except queue.Full:
            logger.warning("Task queue of this process is full; %s left to the sweep.", task.name)
            return


def send_now(task: Task | str, *args) -> bool:
    """Publish at once (for worker processes); False when the broker is unavailable."""
    task = task_named(task)
    try:
        task.apply_async(args, retry=False)
    except Exception:  # broker down or unreachable
        logger.warning("Could not queue %s; the periodic sweep will.", task.name)
        return False
    return True


def send_in_batches(task: Task | str, ids: list[int], size: int = BATCH_SIZE) -> int:
    """Publish `task(batch)` for each batch of `ids` at once; the number published."""
    batches = [ids[start : start + size] for start in range(0, len(ids), size)]
    return sum(send_now(task, batch) for batch in batches)


def flush() -> None:
    """Wait until everything handed over so far is published (tests, benchmarks)."""
    _pending.join()


def _ensure_thread() -> None:
    global _worker
    pid = os.getpid()
    if _worker is not None and _worker[0] == pid and _worker[1].is_alive():
        return
    with _lock:
        if _worker is None or _worker[0] != pid or not _worker[1].is_alive():
            thread = threading.Thread(target=_publish_forever, name="task-dispatch", daemon=True)
            thread.start()
            _worker = (pid, thread)


def _publish_forever() -> None:
    while True:
        batches, taken = take_batches(_pending)
        try:
            for task, ids in batches.items():
                send_now(task, ids)
        finally:
            for _ in range(taken):
                _pending.task_done()


def take_batches(
    pending: queue.Queue, size: int = BATCH_SIZE, linger: float = LINGER_SECONDS
) -> tuple[dict, int]:
    """Wait for one (task, id), then take what else arrives within `linger` seconds, up to
    `size`: ({task: [id, ...]}, number taken)."""
    batches: dict = {}
    task, item_id = pending.get()
    deadline = time.monotonic() + linger
    for taken in range(1, size + 1):
        batches.setdefault(task, []).append(item_id)
        if taken == size:
            break
        try:
            task, item_id = pending.get(timeout=max(deadline - time.monotonic(), 0))
        except queue.Empty:
            break
    return batches, taken
