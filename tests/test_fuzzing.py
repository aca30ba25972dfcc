"""Hypothesis-based fuzzing, bounded to a few seconds: the enquiry form and every tracking
webhook answer any input without a 5xx, and what is stored is shown escaped."""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enquiries.models import Enquiry, Suppression
from tests.enquiries.intake.patient import botox, post
from tests.enquiries.webhooks import AUTH, TRACKING_URLS

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples every run: a failure is reproducible
)
MARKUP = "<script>alert(1)</script>\"'&"
text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300) | st.just(MARKUP)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=20,
)
PROVIDER_KEYS = [
    "RecordType", "MessageID", "Recipient", "Type", "Metadata", "event", "email",
    "message-id", "event-data", "signature", "time", "Payload", "hard_bounce", "ts_event",
]  # fmt: skip
provider_like = st.dictionaries(st.sampled_from(PROVIDER_KEYS), json_values, max_size=8)


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.ENQUIRY_RATE_LIMIT = "100000/m"
    settings.ENQUIRY_INVALID_RATE_LIMIT = "100000/m"


@FUZZ
@given(
    full_name=text,
    email=text | st.emails().map(str),
    phone=text | st.just("+49 30 901820"),
    message=text,
    country=text | st.sampled_from(["DE", "TR", "SA"]),
    travel_from=text | st.dates().map(str),
)
def test_the_form_never_fails_and_shows_what_it_keeps_escaped(
    full_name, email, phone, message, country, travel_from
):
    client = Client(HTTP_HOST="localhost")
    fields = dict(
        full_name=full_name,
        email=email,
        phone=phone,
        message=message,
        country=country,
        travel_from=travel_from,
    )
    response = post(client, botox(), **fields)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_name_with_markup_is_stored_as_typed_and_shown_escaped(client, django_user_model):
    post(client, botox(), full_name="Leila <b>Ahmadi</b>", message=MARKUP)
    enquiry = Enquiry.objects.get()
    manager = django_user_model.objects.create_superuser("fuzz-admin")
    admin = Client(HTTP_HOST="localhost")
    admin.force_login(manager)

    body = admin.get(f"/admin/enquiries/{enquiry.pk}/").content.decode()

    assert "Leila &lt;b&gt;Ahmadi&lt;/b&gt;" in body
    assert MARKUP not in body


@FUZZ
@given(url=st.sampled_from(TRACKING_URLS), payload=json_values | provider_like)
def test_every_webhook_answers_any_authenticated_body_without_a_5xx(url, payload):
    body = json.dumps(payload).encode()
    response = Client(HTTP_HOST="localhost").post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=AUTH
    )

    assert response.status_code in (200, 400)
    assert not Suppression.objects.exclude(address__contains="@").exclude(address="").exists()


@FUZZ
@given(url=st.sampled_from(TRACKING_URLS), body=st.binary(max_size=500))
def test_every_webhook_answers_any_bytes_without_a_5xx(url, body):
    response = Client(HTTP_HOST="localhost").post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=AUTH
    )

    assert response.status_code in (200, 400)
