"""Static files as production collects and serves them (WhiteNoise's manifest storage):
hashed names in the pages, compressed copies, and a year-long immutable cache header for
hashed files, a short one for the rest."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from tests.pages.helpers import english

pytestmark = pytest.mark.django_db

PRODUCTION_STATIC = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
# Only the project's own files (and the flags): the admin's thousands would take minutes.
NOT_OURS = ["wagtail*", "admin", "rest_framework", "axes", "csp", "django_extensions"]


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    with override_settings(
        STATIC_ROOT=root, STORAGES=settings.STORAGES | {"staticfiles": PRODUCTION_STATIC}
    ):
        call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=NOT_OURS)
        yield root


@pytest.fixture
def production_client(collected):
    with override_settings(
        STATIC_ROOT=collected, STORAGES=settings.STORAGES | {"staticfiles": PRODUCTION_STATIC}
    ):
        # Made inside the override: WhiteNoise reads STATIC_ROOT when the middleware loads.
        yield Client(HTTP_HOST="localhost")


def test_pages_link_the_hashed_stylesheet_served_compressed_for_a_year(production_client):
    page = production_client.get(english().url).content.decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1)

    response = production_client.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip, br")

    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] in {"br", "gzip"}
    assert "Accept-Encoding" in response["Vary"]


def test_a_file_asked_for_by_its_plain_name_is_cached_briefly(production_client):
    response = production_client.get("/static/css/site.css")

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert max_age <= 3600
