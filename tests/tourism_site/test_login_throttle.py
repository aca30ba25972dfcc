"""django-axes on the admin login: wrong passwords are limited per user and per client."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def coordinator_user(django_user_model):
    return django_user_model.objects.create_user("aylin", password="right-password", is_staff=False)


def log_in(client, username, password, address="203.0.113.7", language="en"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def test_after_too_many_wrong_passwords_the_right_one_is_refused(settings, coordinator_user):
    client = Client(HTTP_HOST="localhost")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "aylin", "wrong")

    response = log_in(client, "aylin", "right-password")

    assert response.status_code == 429
    assert not signed_in(client)
    assert "Signing in is paused" in response.content.decode()


def test_a_user_is_protected_whatever_address_the_guesses_come_from(settings, coordinator_user):
    client = Client(HTTP_HOST="localhost")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "aylin", "wrong", address=f"198.51.100.{attempt + 1}")

    assert log_in(client, "aylin", "right-password", address="192.0.2.9").status_code == 429
    assert not signed_in(client)


def test_one_address_trying_many_users_is_stopped(settings, coordinator_user):
    client = Client(HTTP_HOST="localhost")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"user{attempt}", "guess")

    assert log_in(client, "aylin", "right-password").status_code == 429


def test_the_lockout_page_is_translated(settings, coordinator_user):
    client = Client(HTTP_HOST="localhost")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "aylin", "wrong", language="tr")

    body = log_in(client, "aylin", "wrong", language="tr").content.decode()

    assert 'lang="tr"' in body and "Signing in is paused" not in body
    assert "15" in body  # the cool-off, in minutes


def test_a_few_mistakes_then_the_right_password_work(settings, coordinator_user):
    client = Client(HTTP_HOST="localhost")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "aylin", "wrong")

    log_in(client, "aylin", "right-password")

    assert signed_in(client)
