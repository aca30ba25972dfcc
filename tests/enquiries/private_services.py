"""A PostgreSQL server and a Redis server of the test's own, to stop and start for real.

Fault tests must not stop the services the rest of the suite uses, so these start new ones
on free ports in temporary folders, and stop them at the end. The PostgreSQL server gets a
copy of the test database (the demo site and what the test has committed so far).
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager

import redis
from django.conf import settings

from .real_services import free_port


def _postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else name


def _as_postgres(command: list[str]) -> list[str]:
    # initdb and the server refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PrivatePostgres:
    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="test-pg-")
        self.port = free_port()
        self.url = f"postgres://tourism@127.0.0.1:{self.port}/tourism_private"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")

    def _pg_ctl(self, *args: str) -> None:
        command = [_postgres_bin("pg_ctl"), "-D", f"{self.folder}/data", "-w", *args]
        subprocess.run(_as_postgres(command), check=True, capture_output=True)

    def create(self) -> None:
        initdb = [_postgres_bin("initdb"), "-D", f"{self.folder}/data", "-A", "trust"]
        initdb += ["-U", "tourism", "--no-sync"]
        subprocess.run(_as_postgres(initdb), check=True, capture_output=True)
        self.start()
        subprocess.run(
            [
                _postgres_bin("createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "tourism",
                "tourism_private",
            ],
            check=True,
        )
        database = settings.DATABASES["default"]
        source = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
        dump = subprocess.run(
            [_postgres_bin("pg_dump"), "-Fc", "--no-owner", source], check=True, capture_output=True
        )
        subprocess.run(
            [_postgres_bin("pg_restore"), "--no-owner", "-d", self.url],
            input=dump.stdout,
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg_ctl("-o", options, "-l", f"{self.folder}/log", "start")

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "stop")

    def query(self, sql: str):
        import psycopg

        with psycopg.connect(self.url) as connection:
            return connection.execute(sql).fetchall()

    def remove(self) -> None:
        try:
            self._pg_ctl("-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def private_postgres():
    server = PrivatePostgres()
    try:
        server.create()
        yield server
    finally:
        server.remove()


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(50):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("the private Redis did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@contextmanager
def private_redis():
    server = PrivateRedis()
    try:
        server.start()
        yield server
    finally:
        server.stop()
