"""Prepared statements (DATABASE_PREPARED_STATEMENTS, on by default) through a migration.

A migration that changes a column's type makes PostgreSQL refuse the statements a running
process prepared on that table ("cached plan must not change result type"), on every run,
until the connection is renewed. So a deploy's `migrate` would break the old processes'
pages for up to CONN_MAX_AGE. Outside a transaction such a statement is run again once its
connection's prepared statements are dropped; inside one the transaction is already
aborted, and its rollback makes psycopg drop them for the next try.
"""

from django.db import NotSupportedError
from django.db.backends.signals import connection_created
from django.dispatch import receiver

STALE_PLAN = "cached plan must not change result type"


def run_again_after_schema_change(execute, sql, params, many, context):
    try:
        return execute(sql, params, many, context)
    except NotSupportedError as error:
        if STALE_PLAN not in str(error) or not context["connection"].get_autocommit():
            raise  # in a transaction: aborted, so not run again here
        # psycopg forgets its own prepared statements when it runs this command.
        context["cursor"].execute("DEALLOCATE ALL")
        return execute(sql, params, many, context)


@receiver(connection_created)
def _install(sender, connection, **kwargs):
    if connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        return  # nothing is prepared (SQLite, or DATABASE_PREPARED_STATEMENTS=false)
    if run_again_after_schema_change not in connection.execute_wrappers:
        connection.execute_wrappers.append(run_again_after_schema_change)
