"""DATABASE_POOL_SIZE gives each process a psycopg pool of at most that many PostgreSQL
connections (docs/deploy.md); checked in a fresh process against the real database."""

import subprocess
import sys

from tests.enquiries.real_services import ROOT, require_real_services, service_env

PROBE = """
from concurrent.futures import ThreadPoolExecutor
import django
django.setup()
from django.db import connection, connections

def query(_):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    connections.close_all()  # back to the pool
    return pid

with ThreadPoolExecutor(8) as threads:
    pids = set(threads.map(query, range(40)))
print(connection.settings_dict["OPTIONS"]["pool"]["max_size"], len(pids))
"""


def test_eight_threads_share_a_pool_of_two_connections(django_db_setup):
    require_real_services()
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=service_env(DATABASE_POOL_SIZE="2"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    max_size, backends = map(int, result.stdout.split())
    assert max_size == 2
    assert 1 <= backends <= 2  # 40 queries from 8 threads, never more than 2 connections
