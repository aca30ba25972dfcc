"""Two web processes (gunicorn, as on two hosts) against one PostgreSQL and one Redis share
the page cache and its purge, the facts each process keeps (tourism_site/process_cache.py),
the staff's sessions and the enquiry rate limit (docs/deploy.md). The processes use a Redis
database of their own, emptied afterwards."""

import re
import urllib.request
from contextlib import ExitStack

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from pages.models import LanguageContact, TreatmentPage
from tests.enquiries.real_services import Browser, require_real_services, web_server

SHARED_REDIS_DB = 9
PUBLIC_HOST = "care.example.test"
USERNAME, PASSWORD = "test-two-hosts", "two-hosts-password"


@pytest.fixture(scope="module")
def two_hosts(django_db_setup, django_db_blocker):
    require_real_services()
    with django_db_blocker.unblock():
        page = TreatmentPage.objects.get(locale__language_code="en", slug="botox")
    shared_redis = re.sub(r"/\d*$", "", settings.REDIS_URL) + f"/{SHARED_REDIS_DB}"
    redis.Redis.from_url(shared_redis).flushdb()
    env = {"TEST_SHARED_CACHE": "1", "PAGE_CACHE_SECONDS": "600", "REDIS_URL": shared_redis}
    # A day: the limit's windows are fixed and these servers keep the real clock, so a
    # shorter window could end between the four posts.
    env |= {"ENQUIRY_INVALID_RATE_LIMIT": "2/d"}
    try:
        with ExitStack() as stack:
            hosts = [stack.enter_context(web_server(**env)) for _ in range(2)]
            caches = settings.SHARED_CACHES | {}
            caches["default"] = caches["default"] | {"LOCATION": shared_redis}
            yield hosts, caches, page
    finally:
        redis.Redis.from_url(shared_redis).flushdb()


def fetch(base: str, path: str):
    # Behind the proxy every host is asked for the site's one public name.
    request = urllib.request.Request(base + path, headers={"Host": PUBLIC_HOST})
    return urllib.request.urlopen(request, timeout=10)


def page_cache_state(base: str, path: str) -> str:
    return fetch(base, path).headers["X-Page-Cache"]


@pytest.mark.django_db
def test_a_page_cached_by_one_host_is_served_by_the_other_until_a_publication(two_hosts):
    (first, second), shared_caches, page = two_hosts

    assert page_cache_state(first, page.url) == "miss"
    assert page_cache_state(second, page.url) == "hit"

    # A publication anywhere (here: this process, as a third host) purges for every host.
    # The purge runs on commit; this test's transaction never commits, so run it as it would.
    with override_settings(CACHES=shared_caches), TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    assert page_cache_state(second, page.url) == "miss"
    assert page_cache_state(first, page.url) == "hit"


def set_contact_hours(hours: str) -> str:
    """Committed (the hosts must see it), with its cache purges; the hours it replaced."""
    contact = LanguageContact.objects.get(locale__language_code="en")
    before, contact.hours = contact.hours, hours
    contact.save()
    return before


def test_a_contact_changed_anywhere_is_shown_by_every_host_next(two_hosts, django_db_blocker):
    (first, second), shared_caches, page = two_hosts
    new_hours = "Every day 6:00–23:30"
    with django_db_blocker.unblock():
        url = page.url + "?not-from-the-page-cache"  # each host renders it, with its facts
    for base in (first, second, first, second):  # the second time, from the contacts kept
        assert new_hours not in fetch(base, url).read().decode()

    # Changed here, as on a third host: deleted from Redis, and the generation moves on.
    with django_db_blocker.unblock(), override_settings(CACHES=shared_caches):
        before = set_contact_hours(new_hours)
    try:
        for base in (second, first):
            assert new_hours in fetch(base, url).read().decode()
    finally:
        with django_db_blocker.unblock(), override_settings(CACHES=shared_caches):
            set_contact_hours(before)


def test_a_login_on_one_host_holds_on_the_other(two_hosts, django_db_blocker):
    (first, second), _caches, _page = two_hosts
    with django_db_blocker.unblock():  # committed: the servers must see the user
        user = get_user_model().objects.create_superuser(USERNAME, password=PASSWORD)
    try:
        on_first = Browser(first)
        login_url = reverse("wagtailadmin_login")
        html = on_first.get(login_url).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        login_form = (login_url, token, first + login_url)
        answer = on_first.submit(login_form, {"username": USERNAME, "password": PASSWORD})
        assert answer.status == 302 and answer.headers["Location"] == reverse("wagtailadmin_home")

        on_second = Browser(second)
        on_second.opener = on_first.opener  # the same cookies, as a browser behind a balancer
        home = on_second.get(reverse("wagtailadmin_home"))
        assert home.status == 200 and home.url == second + reverse("wagtailadmin_home")
    finally:
        with django_db_blocker.unblock():
            for session in Session.objects.all():
                if session.get_decoded().get("_auth_user_id") == str(user.pk):
                    session.delete()
            user.delete()


def test_the_enquiry_rate_limit_counts_both_hosts_together(two_hosts):
    (first, second), _caches, page = two_hosts
    incomplete = {"page": page.pk, "full_name": "Two Hosts", "email": "not-an-address"}
    statuses = []
    for base in (first, second, first, second):
        browser = Browser(base)
        with translation.override("en"):
            statuses.append(browser.post_form(page.url, incomplete).status)
    # ENQUIRY_INVALID_RATE_LIMIT is 2 a day from one address, whichever host answers.
    assert statuses == [200, 200, 429, 429]
