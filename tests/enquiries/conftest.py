"""Fixtures for the tests that run against real services in other processes."""

import pytest
from django.contrib.auth import get_user_model

from enquiries.intake import spool
from enquiries.models import Coordinator, Enquiry, OutgoingEmail
from tourism_site.celery import app as celery_app

from .real_services import require_real_services, unique_queue


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Autocommit database access: what the test writes, other processes see."""
    require_real_services()
    empty_the_spool()
    with django_db_blocker.unblock():
        yield
        OutgoingEmail.objects.all().delete()
        Enquiry.objects.all().delete()
        Coordinator.objects.all().delete()
        get_user_model().objects.filter(username__startswith="coordinator").delete()
    empty_the_spool()


def empty_the_spool():
    spool.client().delete(spool.WAITING, spool.SAVING, spool.LOCK)


@pytest.fixture
def queue():
    name = unique_queue()
    celery_app.conf.task_default_queue = name
    yield name
    celery_app.conf.task_default_queue = "celery"
