"""Gallery items become translatable (their captions are translated with the page).

Existing items take their page's locale, and the items at the same place in a page's
translations share one translation key, as wagtail-localize would have made them."""

import uuid

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F


def share_translation_keys(apps, schema_editor):
    TreatmentGalleryItem = apps.get_model("pages", "TreatmentGalleryItem")
    keys = {}
    places = {}  # page id -> items seen so far: the place of an item in its page's order
    items = TreatmentGalleryItem.objects.select_related("page").order_by(
        "page_id", F("sort_order").asc(nulls_last=True), "pk"
    )
    for item in items:
        place = places[item.page_id] = places.get(item.page_id, -1) + 1
        item.translation_key = keys.setdefault((item.page.translation_key, place), uuid.uuid4())
        item.locale_id = item.page.locale_id
        item.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_clinic_trust"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="treatmentgalleryitem",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="treatmentgalleryitem",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.RunPython(share_translation_keys, migrations.RunPython.noop),
    ]
