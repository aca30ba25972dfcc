"""Shared fixtures: the demo site is loaded once per test session; each test rolls back."""

import os

import pytest
from django.conf import settings
from django.test import Client

from pages.demo.loader import load_demo_content

SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return [f"database: {engine}; redis: {os.environ.get('REDIS_URL') or 'none'}"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo_content(report=lambda line: None)


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def editor(db, django_user_model):
    from pages.permissions import EDITORS_GROUP

    user = django_user_model.objects.create_user("test-editor", password="pw")
    user.groups.add(django_user_model.groups.field.related_model.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(editor):
    client = Client(HTTP_HOST="localhost")
    client.force_login(editor)
    return client
