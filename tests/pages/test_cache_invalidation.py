"""What the pages cache until a change (menus, contacts, market rules, restrictions,
practitioners, the privacy notice) is forgotten when the change is committed, not before: a
page rendered meanwhile by another request reads the rows as they were, and would cache
them again for good."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from pages import navigation
from pages.models import LanguageContact, MarketRule, StandardPage
from pages.models.base import any_view_restrictions, privacy_notice_key
from pages.models.contacts import contact_for
from pages.models.markets import hides_before_after
from tests.enquiries.real_services import require_real_services

from .helpers import committed, english, in_another_connection

pytestmark = pytest.mark.django_db


def create_market_rule():
    MarketRule.objects.create(locale=Locale.objects.get(language_code="en"), hide_before_after=True)


def change_contact_hours():
    contact = LanguageContact.objects.get(locale__language_code="en")
    contact.hours = "Every day 8:00–22:00"
    contact.save()


def restrict_a_page():
    PageViewRestriction.objects.create(
        page=english(), restriction_type=PageViewRestriction.PASSWORD, password="partners"
    )


def rename_a_practitioner():
    practitioner = english().practitioners.first().practitioner
    practitioner.name = "Dr Someone Else"
    practitioner.save()


CACHED = {
    "market rules": (lambda: hides_before_after("en"), create_market_rule),
    "language contacts": (lambda: contact_for("en").hours, change_contact_hours),
    "view restrictions": (any_view_restrictions, restrict_a_page),
    "menus": (
        lambda: [item.title for item in navigation.for_language("en").items],
        lambda: english(StandardPage, "about").unpublish(),
    ),
    "privacy notice": (privacy_notice_key, lambda: english(StandardPage, "privacy").delete()),
    "practitioners": (
        lambda: [practitioner.name for practitioner in english().localized_practitioners()],
        rename_a_practitioner,
    ),
}


@pytest.mark.parametrize("name", CACHED)
def test_a_change_is_not_cached_as_it_was_by_a_request_before_it_commits(name):
    require_real_services()  # a second connection, which sees only what is committed
    read, change = CACHED[name]
    before = in_another_connection(read)  # cached, as on any page view

    with committed():  # the change's transaction
        change()
        assert in_another_connection(read) == before  # read, and cached again, meanwhile

    assert read() != before
