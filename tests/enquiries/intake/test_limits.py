"""enquiries/intake/limits.py through the form: only accepted enquiries use up a client's
allowance, refused ones have their own, and a 429 gives back what the patient typed."""

import pytest
from django.core.cache import cache

from enquiries.models import Enquiry
from tests.enquiries.intake.patient import botox, post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits(stopped_clock):
    cache.clear()


def test_mistakes_do_not_use_up_the_allowance(client, settings):
    settings.ENQUIRY_RATE_LIMIT = "5/10m"
    for _mistake in range(6):
        assert post(client, botox("de"), email="leila@").status_code == 200

    assert post(client, botox("de")).status_code == 302
    assert Enquiry.objects.count() == 1


def test_past_the_allowance_the_form_comes_back_with_what_was_typed(client, settings):
    settings.ENQUIRY_RATE_LIMIT = "2/10m"
    for number in range(2):
        assert post(client, botox("fr"), message=f"question {number}").status_code == 302

    response = post(client, botox("fr"), message="Et pour les cernes, combien de séances ?")

    assert response.status_code == 429
    body = response.content.decode()
    assert 'lang="fr"' in body
    assert "Et pour les cernes, combien de séances ?</textarea>" in body
    assert 'value="Leila Ahmadi"' in body and 'value="leila@example.com"' in body
    assert 'role="alert"' in body and "Vous avez envoyé" in body  # translated
    assert Enquiry.objects.count() == 2


def test_the_allowance_comes_back_when_its_window_ends(client, settings, stopped_clock):
    settings.ENQUIRY_RATE_LIMIT = "1/10m"
    assert post(client, botox(), message="first").status_code == 302
    assert post(client, botox(), message="second").status_code == 429

    stopped_clock.shift(10 * 60 + 1)  # wherever the window ends, one has ended by now

    assert post(client, botox(), message="third").status_code == 302
    assert Enquiry.objects.count() == 2


def test_refused_submissions_have_their_own_higher_allowance(client, settings):
    settings.ENQUIRY_INVALID_RATE_LIMIT = "3/10m"
    statuses = [post(client, botox(), email="nobody@").status_code for _attempt in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert 'value="nobody@"' in post(client, botox(), email="nobody@").content.decode()


def test_clients_behind_the_trusted_proxy_are_limited_apart(client, settings):
    settings.ENQUIRY_RATE_LIMIT = "1/10m"
    settings.TRUSTED_PROXY_COUNT = 1

    def from_address(forwarded_for, message):
        return post(client, botox(), {"X-Forwarded-For": forwarded_for}, message=message)

    assert from_address("203.0.113.7", "first").status_code == 302
    assert from_address("203.0.113.8", "second").status_code == 302
    # The first client again, pretending to be another by writing its own header entry.
    assert from_address("198.51.100.1, 203.0.113.7", "third").status_code == 429
