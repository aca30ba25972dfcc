"""Migration 0006: existing gallery items become translations of one another."""

import importlib
import uuid

import pytest
from django.apps import apps
from wagtail.models import Locale

from pages.models import TreatmentGalleryItem

from .helpers import english, translation_of

pytestmark = pytest.mark.django_db

migration = importlib.import_module("pages.migrations.0006_gallery_item_translatable")


def test_items_at_the_same_place_share_a_key_and_take_their_page_locale():
    botox = english()
    german = translation_of(botox, "de")
    # As before the migration: unrelated keys, and every item in one locale.
    for item in TreatmentGalleryItem.objects.all():
        item.translation_key = uuid.uuid4()
        item.locale = Locale.get_default()
        item.save()

    migration.share_translation_keys(apps, schema_editor=None)

    english_items = list(botox.gallery_items.order_by("sort_order"))
    german_items = list(german.gallery_items.order_by("sort_order"))
    assert len(english_items) == len(german_items) == 2
    for source, translated in zip(english_items, german_items, strict=True):
        assert source.translation_key == translated.translation_key
        assert translated.locale.language_code == "de"
        assert translated.get_translation(source.locale) == source
    assert english_items[0].translation_key != english_items[1].translation_key
