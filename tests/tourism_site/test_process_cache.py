"""tourism_site/process_cache.py: a page view reads one generation number for all the facts
each process keeps, and a committed change reaches the next request."""

import pytest
from django.core.cache import cache

from pages.models import LanguageContact
from pages.models.contacts import contact_for
from tests.pages.helpers import committed, english
from tourism_site import process_cache

pytestmark = pytest.mark.django_db

NEW_HOURS = "Every day 7:00–23:00"


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys read from the cache, as they are read (a spy: the reads still happen)."""
    keys = []
    get, get_many = cache.get, cache.get_many
    monkeypatch.setattr(cache, "get", lambda key, *a, **kw: keys.append(key) or get(key, *a, **kw))
    monkeypatch.setattr(
        cache, "get_many", lambda some, **kw: keys.extend(some) or get_many(some, **kw)
    )
    return keys


def change_contact_hours(hours=NEW_HOURS):
    contact = LanguageContact.objects.get(locale__language_code="en")
    contact.hours = hours
    contact.save()


def test_a_page_view_reads_the_generation_not_each_fact(client, cache_reads):
    url = english().url
    client.get(url)
    cache_reads.clear()

    assert client.get(url).status_code == 200

    facts = [key for key in cache_reads if key.startswith("pages:")]
    assert facts == []  # menus, contacts, market rules, restrictions, practitioners...
    assert cache_reads.count(process_cache.GENERATION_KEY) == 1


def test_a_committed_change_is_shown_by_the_next_request(client):
    url = english().url
    assert NEW_HOURS not in client.get(url).content.decode()

    with committed():
        change_contact_hours()

    assert NEW_HOURS in client.get(url).content.decode()


def test_a_generation_lost_from_the_cache_is_never_taken_for_the_one_before(client):
    url = english().url
    cache.delete(process_cache.GENERATION_KEY)
    client.get(url)  # a new generation, and the contacts kept by this process under it
    cache.delete(process_cache.GENERATION_KEY)  # evicted by Redis
    change_contact_hours()  # and the contacts changed with no signal to tell (a rollback)
    cache.delete(LanguageContact.cache_key)

    assert NEW_HOURS in client.get(url).content.decode()


def test_outside_a_request_every_read_goes_to_the_cache():
    before = contact_for("en").hours
    change_contact_hours()  # no commit, so no signal: only the cache tells
    assert contact_for("en").hours == before

    cache.delete(LanguageContact.cache_key)

    assert contact_for("en").hours == NEW_HOURS


def test_get_or_set_never_overwrites_what_another_process_set_meanwhile():
    key = "tests:a-version"
    cache.delete(key)

    def default():
        cache.set(key, 7)  # another process, between this one's read and its write
        return 0

    assert process_cache.get_or_set(key, default) == 7
    assert cache.get(key) == 7
