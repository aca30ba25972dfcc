"""tourism_site/celery.py: the site's own periodic tasks."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from tourism_site.celery import clear_expired_sessions

pytestmark = pytest.mark.django_db


def test_expired_staff_sessions_are_deleted_and_live_ones_kept():
    now = timezone.now()
    Session.objects.create(
        session_key="expired", session_data="", expire_date=now - datetime.timedelta(days=1)
    )
    Session.objects.create(
        session_key="live", session_data="", expire_date=now + datetime.timedelta(days=1)
    )

    clear_expired_sessions()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
