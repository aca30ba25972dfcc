"""Writing and pruning the access log (models/privacy.py)."""

from datetime import timedelta

from axes.models import AccessLog
from django.conf import settings
from django.utils import timezone

from ..models import AccessLogEntry, Enquiry

Action = AccessLogEntry.Action


def record(user, action: str, enquiry: Enquiry | None = None, **fields) -> AccessLogEntry:
    """One line: `user` (None for the system) did `action` to `enquiry`."""
    return AccessLogEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=user.get_username() if user is not None and user.is_authenticated else "",
        action=action,
        enquiry=enquiry,
        reference=enquiry.reference if enquiry is not None else "",
        **fields,
    )


def record_many(user, action: str, enquiries, detail: str = "") -> None:
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=user,
            username=user.get_username() if user is not None else "",
            action=action,
            enquiry=enquiry,
            reference=enquiry.reference,
            detail=detail,
        )
        for enquiry in enquiries
    )


def prune(now=None) -> int:
    """Delete entries older than ACCESS_LOG_RETENTION_MONTHS, and the staff's logins as
    django-axes logged them (address, browser, times), which it keeps forever; how many
    went. Its failed attempts need no pruning: it deletes them after the cool-off."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=30 * settings.ACCESS_LOG_RETENTION_MONTHS)
    deleted, _by_model = AccessLogEntry.objects.filter(at__lt=cutoff).delete()
    logins, _by_model = AccessLog.objects.filter(attempt_time__lt=cutoff).delete()
    return deleted + logins
