"""pages/models/markets.py: before/after galleries hidden where a market forbids them
(German pages by default, Germany's HWG section 11), as editors decide per language."""

import pytest
from wagtail.models import Locale

from pages.models import MarketRule
from tests.pages.helpers import english, translation_of

pytestmark = pytest.mark.django_db


def photo_name(image) -> str:
    return image.file.name.rsplit("/", 1)[-1].split(".")[0]


def shows_gallery(client, language) -> bool:
    body = client.get(translation_of(english(), language).url).content.decode()
    return 'class="gallery"' in body


def test_german_pages_hide_before_after_galleries_by_default(client):
    pairs = translation_of(english(), "de").consented_gallery()
    assert pairs  # there is one to hide
    german = client.get(translation_of(english(), "de").url).content.decode()

    assert 'class="gallery"' not in german
    # Neither is a photo of the gallery the page's picture when it is shared.
    assert photo_name(pairs[0].after_image) not in german
    assert shows_gallery(client, "en") and shows_gallery(client, "ar")


def test_editors_decide_per_language(client):
    MarketRule.objects.create(
        locale=Locale.objects.get(language_code="de"), hide_before_after=False
    )
    MarketRule.objects.create(
        locale=Locale.objects.get(language_code="fr"),
        hide_before_after=True,
        legal_basis="Code de la santé publique",
    )

    assert shows_gallery(client, "de")
    assert not shows_gallery(client, "fr")


def test_editors_can_manage_market_rules_in_the_admin(editor_client):
    response = editor_client.get("/admin/snippets/pages/marketrule/")
    assert response.status_code == 200
