"""tourism_site/security/csrf.py: a form refused by the CSRF check comes back translated, and the
enquiry form with what the patient typed and a token that works."""

import re

import pytest
from django.test import Client

from enquiries.models import Enquiry
from tests.enquiries.intake.patient import botox, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    return Client(HTTP_HOST="localhost", enforce_csrf_checks=True)


def test_an_expired_enquiry_form_comes_back_with_what_was_typed(strict_client):
    response = post(strict_client, botox("ar"), message="كم جلسة أحتاج؟")

    assert response.status_code == 403
    body = response.content.decode()
    assert 'lang="ar"' in body and 'dir="rtl"' in body
    assert "كم جلسة أحتاج؟</textarea>" in body
    assert 'value="Leila Ahmadi"' in body
    assert "CSRF" not in body and 'role="alert"' in body
    assert not Enquiry.objects.exists()

    # The page carries a fresh token: sending again works.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    again = post(strict_client, botox("ar"), csrfmiddlewaretoken=token, message="كم جلسة أحتاج؟")
    assert again.status_code == 302
    assert Enquiry.objects.get().message == "كم جلسة أحتاج؟"


def test_another_refused_form_gets_a_translated_page(strict_client):
    response = strict_client.post("/de/enquiry/thanks/", {"x": "1"})

    assert response.status_code == 403
    body = response.content.decode()
    assert 'lang="de"' in body and "CSRF" not in body
    assert "Please send the form again" not in body  # translated


def test_a_refused_admin_login_is_not_django_technical_page(strict_client):
    response = strict_client.post("/admin/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "CSRF verification failed" not in response.content.decode()
