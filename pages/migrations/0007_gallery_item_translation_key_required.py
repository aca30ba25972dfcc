import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # Separate from 0006: PostgreSQL refuses to alter a table with pending updates in one
    # transaction.
    dependencies = [("pages", "0006_gallery_item_translatable")]

    operations = [
        migrations.AlterField(
            model_name="treatmentgalleryitem",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="treatmentgalleryitem",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="treatmentgalleryitem",
            unique_together={("translation_key", "locale")},
        ),
    ]
