"""The page's illustration: at the top of the page, on the treatment cards, and the picture a
page shows when it is shared (1200 by 630)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from pages.models import HomePage, TreatmentPage

from ..conftest import SITE_LANGUAGES
from .helpers import english, parse, translation_of

pytestmark = pytest.mark.django_db


def meta(tree) -> dict[str, str]:
    return {m.get("property"): m.get("content") for m in tree.iter("meta") if m.get("property")}


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_shared_treatment_page_shows_a_1200_by_630_picture(client, language):
    page = translation_of(english(), language)

    og = meta(parse(client.get(page.url)))

    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    assert og["og:image"].startswith("http") and ".fill-1200x630." in og["og:image"]
    rendition = page.hero_image.get_rendition("fill-1200x630|format-jpeg|jpegquality-80")
    assert (rendition.width, rendition.height) == (1200, 630)
    assert og["og:image"].endswith(rendition.url)


@pytest.mark.parametrize("model", [HomePage, TreatmentPage], ids=lambda m: m.__name__)
def test_illustration_is_at_the_top_in_sizes_for_phones_and_desktops(client, model):
    page = model.objects.get(
        locale__language_code="ar",
        translation_key=english(
            model, slug=("botox" if model is TreatmentPage else "home")
        ).translation_key,
    )

    tree = parse(client.get(page.url))

    [hero] = tree.iterfind(".//div[@class='hero-image']/img")
    assert hero.get("alt") == ""  # an illustration: nothing for a screen reader to read
    widths = [candidate.split()[-1] for candidate in hero.get("srcset").split(", ")]
    assert widths == ["480w", "960w"]
    assert hero.get("src").endswith(".webp")


def test_treatment_cards_show_their_pictures_without_a_query_per_card(client):
    home = english(HomePage, slug="home")
    client.get(home.url)  # the first view makes the renditions
    with CaptureQueriesContext(connection) as all_pictures:
        body = client.get(home.url).content.decode()
    assert body.count('class="card__image"') == 4

    TreatmentPage.objects.filter(locale=home.locale).exclude(slug="botox").update(hero_image=None)
    with CaptureQueriesContext(connection) as one_picture:
        body = client.get(home.url).content.decode()
    assert body.count('class="card__image"') == 1

    assert len(all_pictures) == len(one_picture)


def test_a_picture_too_small_to_share_is_refused_with_a_translated_message():
    page = english()
    page.hero_image = page.practitioners.first().practitioner.photo  # 480 × 480
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        page.full_clean()

    [message] = refused.value.message_dict["hero_image"]
    assert "480 × 480" in message and "1200 × 630" in message
    assert "Bild" in message  # the German catalogue's wording
