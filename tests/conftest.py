"""Shared fixtures: the demo site is loaded once per test session; each test rolls back."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from pages.demo.loader import load_demo_content

SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return [f"database: {engine}; redis: {os.environ.get('REDIS_URL') or 'none'}"]


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """The test database with the demo site, for every test that uses the database.

    Set up here rather than by pytest-django, which skips it when no collected test carries
    the django_db mark (the real-services tests commit data without that mark).
    """
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        load_demo_content(report=lambda line: None)
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=0)


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in English: a request through the test client leaves its page's language
    active in this thread (LocaleMiddleware activates it and nothing deactivates it)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield


@pytest.fixture(autouse=True)
def anymail_test_backend(settings):
    """Django's test setup swaps in its locmem backend; the project sends through anymail, so
    tests use anymail's test backend (it also fills mail.outbox, with anymail's status)."""
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"


@pytest.fixture(autouse=True)
def forget_cached_page_facts():
    """Facts the pages cache until a signal clears them; a test's rollback sends none."""
    from pages import navigation, template_filters
    from pages.models import LanguageContact, MarketRule
    from pages.models.base import ANY_RESTRICTIONS_KEY, PRIVACY_NOTICE_KEY
    from pages.models.snippets import PRACTITIONERS_VERSION_KEY
    from tourism_site import process_cache

    yield
    cache.delete_many(
        [
            ANY_RESTRICTIONS_KEY,
            PRIVACY_NOTICE_KEY,
            MarketRule.cache_key,
            LanguageContact.cache_key,
        ]
    )
    # A new version rather than none: what a test cached is never read by the next.
    cache.set(PRACTITIONERS_VERSION_KEY, cache.get(PRACTITIONERS_VERSION_KEY, 0) + 1, None)
    navigation.forget()
    template_filters.forget_kept_renditions()  # a rolled-back test's renditions are gone
    process_cache.forget_kept()


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
