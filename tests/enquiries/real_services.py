"""Real PostgreSQL, Redis, Celery workers and a web server, started as separate processes.

Tests using these commit their data (other processes must see it) and remove it afterwards,
leaving the session's demo content in place.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def require_real_services():
    """Skip (or, under CI=true, fail) unless PostgreSQL and Redis are there."""
    problems = []
    if connection.vendor != "postgresql":
        problems.append("the tests run on SQLite (set DATABASE_URL to PostgreSQL)")
    if not settings.REDIS_URL:
        problems.append("REDIS_URL is not set")
    else:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping()
        except redis.RedisError as error:
            problems.append(f"Redis does not answer ({error})")
    if problems:
        message = "needs PostgreSQL and Redis: " + "; ".join(problems)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def service_env(**overrides) -> dict:
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tourism_site.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "CONN_MAX_AGE": "0",
    }
    env.update(overrides)
    return env


def run_python(code: str, timeout: float = 60, **env_overrides) -> str:
    """Run `code` in a fresh Python process against the test services; its output."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=service_env(**env_overrides),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@contextmanager
def celery_workers(count: int, queue: str, concurrency: int = 2, extra_args=(), **env):
    processes = [
        subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "tourism_site",
                "worker",
                "-Q",
                queue,
                "-n",
                f"test-{index}-{queue}@%h",
                "-c",
                str(concurrency),
                "-P",
                "prefork",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "warning",
                *extra_args,
            ],
            cwd=ROOT,
            env=service_env(CELERY_QUEUE=queue, **env),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            # Its own process group: kill_outright() reaches the pool's children too.
            start_new_session=True,
        )
        for index in range(count)
    ]
    try:
        _wait_for_workers(queue, count, broker=env.get("REDIS_URL"))
        yield processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def kill_outright(process: subprocess.Popen) -> None:
    """SIGKILL a worker started by celery_workers() and its pool processes, as an out-of-memory
    kill or a lost host would: nothing gets to clean up."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _wait_for_workers(queue: str, count: int, timeout: float = 60, broker=None) -> None:
    from celery import Celery

    from tourism_site.celery import app

    if broker:  # workers of a broker of their own
        app = Celery(broker=broker, set_as_current=False)

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=0.5) or []
        names = [name for reply in replies for name in reply if queue in name]
        if len(names) >= count:
            return
        time.sleep(0.5)
    raise RuntimeError(f"{count} Celery workers did not start within {timeout} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def web_server(**env):
    """One gunicorn worker on a free port; its base URL."""
    port = free_port()
    with gunicorn([f"127.0.0.1:{port}"], "-b", f"127.0.0.1:{port}", "-w", "1", **env) as bases:
        yield bases[0]


@contextmanager
def gunicorn(binds: list[str], *args: str, **env):
    """gunicorn with `args`, serving on every address of `binds`; their base URLs."""
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "tourism_site.wsgi", *args],
        cwd=ROOT,
        env=service_env(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    bases = [f"http://{address}" for address in binds]
    try:
        for base in bases:
            wait_until_serving(base)
        yield bases
    finally:
        process.terminate()
        process.wait(timeout=20)


def wait_until_serving(base: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=1)
            return
        except OSError:
            time.sleep(0.2)


class Browser:
    """Just enough of a browser: cookies, and forms posted with their CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def get(self, path: str):
        return self.opener.open(self.base + path, timeout=10)

    def post_form(self, page_path: str, fields: dict):
        return self.submit(self.open_form(page_path), fields)

    def open_form(self, page_path: str) -> tuple[str, str, str]:
        """Load a page with the enquiry form: (action, CSRF token, page URL)."""
        html = self.get(page_path).read().decode()
        action = re.search(r'<form method="post" action="([^"#]+)', html).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return action, token, self.base + page_path

    def submit(self, form: tuple[str, str, str], fields: dict):
        """Send a form loaded earlier, as a patient does who filled it in."""
        action, token, page_url = form
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(
            self.base + action, data=data, headers={"Referer": page_url}
        )
        try:
            return self.opener.open(request, timeout=20)
        except urllib.error.HTTPError as response:
            return response


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def unique_queue() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"


def wait_until(condition, timeout: float = 60, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")
