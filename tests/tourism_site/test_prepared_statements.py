"""On PostgreSQL a query run a few times on a connection is kept prepared, so PostgreSQL
plans it once (docs/performance.md); DATABASE_PREPARED_STATEMENTS=false turns it off for a
transaction-pooling PgBouncer (docs/deploy.md)."""

import pytest
from django.db import connection
from wagtail.models import Page

from tests.enquiries.real_services import require_real_services, run_python

PRINT_OPTIONS = """
import django
django.setup()
from django.db import connection
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
