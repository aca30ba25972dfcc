"""gunicorn.conf.py: one sync worker per core the server may run on, unless WEB_CONCURRENCY
says otherwise (docs/performance.md measured more workers than cores to be slower)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ_WORKERS = "import runpy; print(runpy.run_path('gunicorn.conf.py')['workers'])"


def workers(cores: set[int] | None = None, **env) -> int:
    """The worker count gunicorn.conf.py gives in a fresh Python, run on `cores`."""
    environment = {k: v for k, v in os.environ.items() if k != "WEB_CONCURRENCY"} | env
    command = [sys.executable, "-c", READ_WORKERS]
    if cores is not None:
        command = ["taskset", "--cpu-list", ",".join(map(str, sorted(cores))), *command]
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def test_one_worker_per_core_the_server_may_use():
    available = os.sched_getaffinity(0)

    assert workers() == len(available)
    assert workers(cores={min(available)}) == 1


def test_web_concurrency_overrides_it():
    assert workers(WEB_CONCURRENCY="5") == 5
