"""The error pages speak the visitor's language, in its direction."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from .helpers import parse

pytestmark = pytest.mark.django_db


def test_page_not_found_is_in_the_url_s_language(client):
    response = client.get("/ar/no-such-page/")

    assert response.status_code == 404
    html = parse(response)
    assert (html.get("lang"), html.get("dir")) == ("ar", "rtl")
    body = response.content.decode()
    assert "Page not found" not in body
    assert 'href="/ar/"' in body


def test_server_error_page_is_translated_without_a_database():
    with translation.override("fa"):
        response = server_error(RequestFactory().get("/fa/"))

    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fa" dir="rtl">' in body
    assert "Something went wrong" not in body
