"""On PostgreSQL a query run a few times on a connection is kept prepared, so PostgreSQL
plans it once (docs/performance.md); DATABASE_PREPARED_STATEMENTS=false turns it off for a
transaction-pooling PgBouncer (docs/deploy.md). A migration that changes a column's type
does not break a running process's prepared reads (tourism_site/prepared_statements.py)."""

import pytest
from django.db import NotSupportedError, connection, connections, transaction
from wagtail.models import Page

from tests.enquiries.real_services import require_real_services, run_python

PRINT_OPTIONS = """
import django
django.setup()
from django.db import NotSupportedError, connection, connections, transaction
print(connection.get_connection_params()["prepare_threshold"])
"""


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@pytest.mark.django_db
def test_a_page_query_run_again_is_prepared_once():
    require_real_services()
    root = Page.objects.get(depth=1)
    for _ in range(6):
        assert Page.objects.filter(pk=root.pk).values_list("depth", flat=True).get() == 1
    query = 'SELECT "wagtailcore_page"."depth" AS "depth" FROM "wagtailcore_page" WHERE'
    looked_up = [sql for sql in prepared_statements() if sql.startswith(query)]
    assert len(looked_up) == 1, prepared_statements()
    assert "$1" in looked_up[0]  # the parameters are bound by PostgreSQL, not quoted into it


def test_they_can_be_turned_off(django_db_setup):
    require_real_services()
    output = run_python(PRINT_OPTIONS, DATABASE_PREPARED_STATEMENTS="false")
    assert output.split() == ["None"]  # Django's default: never prepared


@pytest.fixture
def scratch_table(django_db_setup, django_db_blocker):
    """A table outside any test transaction: another connection must be able to alter it."""
    require_real_services()
    with django_db_blocker.unblock():
        other = connections.create_connection("default")
        with other.cursor() as cursor:
            cursor.execute("CREATE TABLE scratch_plans (id int, name varchar(10))")
            cursor.execute("INSERT INTO scratch_plans VALUES (1, 'a')")
        try:
            yield other
        finally:
            with other.cursor() as cursor:
                cursor.execute("DROP TABLE scratch_plans")
            other.close()


def read_scratch():
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name FROM scratch_plans WHERE id = %s", [1])
        return cursor.fetchall()


def widen_name_column(other, length: int):
    with other.cursor() as cursor:
        cursor.execute(f"ALTER TABLE scratch_plans ALTER COLUMN name TYPE varchar({length})")


def test_a_prepared_read_survives_a_column_type_change(scratch_table):
    for _ in range(6):
        read_scratch()  # prepared from now on
    widen_name_column(scratch_table, 20)
    assert read_scratch() == [(1, "a")]
    assert read_scratch() == [(1, "a")]


def test_in_a_transaction_the_next_try_succeeds(scratch_table):
    for _ in range(6):
        read_scratch()
    widen_name_column(scratch_table, 30)
    with pytest.raises(NotSupportedError):
        with transaction.atomic():
            read_scratch()
    with transaction.atomic():
        assert read_scratch() == [(1, "a")]
