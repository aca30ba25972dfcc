"""Queueing Celery tasks without making a web request wait for the broker.

Publishing to a broker that is down or slow can take seconds (connection attempts and
retries), so requests hand task messages to one background thread per process, which
publishes them in order. If publishing fails, or the process dies first, nothing is lost:
the database still holds the work, and the periodic sweeps (beat) queue it again.
"""

import logging
import os
import queue
import threading

logger = logging.getLogger(__name__)

_pending: queue.Queue = queue.Queue(maxsize=10_000)
_lock = threading.Lock()
_worker: tuple[int, threading.Thread] | None = None


def send_later(task, *args) -> None:
    """Queue `task` with `args` from a background thread; never blocks, never raises."""
    _ensure_thread()
    try:
        _pending.put_nowait((task, args))
    except queue.Full:
        logger.warning("Task queue of this process is full; %s left to the sweep.", task.name)


def send_now(task, *args) -> bool:
    """Publish at once (for worker processes); False when the broker is unavailable."""
    try:
        task.apply_async(args, retry=False)
    except Exception:  # broker down or unreachable
        logger.warning("Could not queue %s; the periodic sweep will.", task.name)
        return False
    return True


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
        task, args = _pending.get()
        try:
            send_now(task, *args)
        finally:
            _pending.task_done()
