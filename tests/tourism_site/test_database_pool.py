"""DATABASE_POOL_SIZE gives each process a psycopg pool of at most that many PostgreSQL
connections (docs/deploy.md); checked in a fresh process against the real database."""

from tests.enquiries.real_services import require_real_services, run_python

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
    output = run_python(PROBE, DATABASE_POOL_SIZE="2")
    max_size, backends = map(int, output.split())
    assert max_size == 2
    assert 1 <= backends <= 2  # 40 queries from 8 threads, never more than 2 connections
