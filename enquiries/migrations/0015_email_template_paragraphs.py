"""Email templates' bodies become paragraphs: a StreamField of paragraph blocks, one
wagtail-localize segment each, instead of one text (one segment full of <br/>).

Every row is converted, in every locale, by splitting its text on blank lines (back: joining
the paragraphs with a blank line). A template and its translations share their block ids by
position, as wagtail-localize writes translations, so paragraph n of a translation is the
translation of paragraph n of the source.

wagtail-localize's own records are converted with them, so that the translations keep working
without anybody re-translating:

- each TranslationSource of an email template gets its stored copy of the source (content_json)
  converted the same way, and the schema version of this migration;
- its one StringSegment for the body is deleted and one StringSegment per paragraph is created
  (as refresh_segments() would);
- each translation's paragraphs become the StringTranslations of those segments: the
  translator's latest text for the whole body split on its blank lines (<br/><br/>), else the
  translated row's paragraphs. A translation whose paragraphs do not pair with the source's
  gets none; its row keeps its text, and the editor shows those paragraphs as untranslated.

The old StringTranslations of the whole body are kept (wagtail-localize keeps translation
memory too): no segment uses them, and the reverse migration reuses them.
"""

import json
import re
import uuid

import wagtail.fields
from django.db import migrations, models
from django.db.models import F, Max
from wagtail_localize.models import String as LocalizeString
from wagtail_localize.models import TranslationContext as LocalizeContext
from wagtail_localize.strings import StringValue

THIS_MIGRATION = "0015_email_template_paragraphs"
PREVIOUS_MIGRATION = "0014_enquiry_photos"
PARAGRAPH = "paragraph"
BLANK_LINE = re.compile(r"\n\s*\n")


def split(text):
    blocks = (block.strip() for block in BLANK_LINE.split((text or "").replace("\r\n", "\n")))
    return [block for block in blocks if block]


def join(paragraphs):
    return "\n\n".join(text.strip() for text in paragraphs if text and text.strip())


def stream(paragraphs, block_ids):
    return [
        {"type": PARAGRAPH, "value": text, "id": block_id}
        for text, block_id in zip(paragraphs, block_ids, strict=False)
    ]


def paragraphs_of(stream_value):
    return [str(block.value) for block in stream_value if block.block_type == PARAGRAPH]


def string_data(text):
    """A plain text as wagtail-localize stores it in a String: escaped, lines as <br/>."""
    return StringValue.from_plaintext(text).data


def plain(data):
    return StringValue(data).render_text()


class BlockIds:
    """The block id of paragraph n of an object, shared by all its locales."""

    def __init__(self):
        self._ids = {}

    def of(self, translation_key, count):
        ids = self._ids.setdefault(str(translation_key), [])
        while len(ids) < count:
            ids.append(str(uuid.uuid4()))
        return ids[:count]


class Tables:
    """The historical models' managers, on the database being migrated. Relations are given
    by id: the models of one state may be rendered twice in a migration that alters a table."""

    def __init__(self, apps, schema_editor):
        db = schema_editor.connection.alias

        def table(app_label, model_name):
            return apps.get_model(app_label, model_name).objects.using(db)

        self.templates = table("enquiries", "EmailTemplate")
        self.content_types = table("contenttypes", "ContentType")
        self.sources = table("wagtail_localize", "TranslationSource")
        self.strings = table("wagtail_localize", "String")
        self.contexts = table("wagtail_localize", "TranslationContext")
        self.segments = table("wagtail_localize", "StringSegment")
        self.translations = table("wagtail_localize", "StringTranslation")

    def email_template_sources(self):
        content_type = self.content_types.filter(
            app_label="enquiries", model="emailtemplate"
        ).first()
        if content_type is None:  # a new database: no content types before post_migrate
            return self.sources.none()
        return self.sources.filter(specific_content_type_id=content_type.pk)

    def translated(self, source):
        """The other locales' rows of a source's object."""
        return self.templates.filter(translation_key=source.object_id).exclude(
            locale_id=source.locale_id
        )

    def make_segment(self, source, path, field_path, data, order):
        string, _created = self.strings.get_or_create(
            locale_id=source.locale_id,
            data_hash=LocalizeString._get_data_hash(data),
            defaults={"data": data},
        )
        context, _created = self.contexts.get_or_create(
            object_id=source.object_id,
            path_id=LocalizeContext._get_path_id(path),
            defaults={"path": path, "field_path": field_path},
        )
        self.segments.create(
            source_id=source.pk,
            context_id=context.pk,
            string_id=string.pk,
            order=order,
            attrs="null",
        )
        return string, context

    def translate(self, string, context, locale_id, data, like=None):
        self.translations.update_or_create(
            translation_of_id=string.pk,
            locale_id=locale_id,
            context_id=context.pk,
            defaults={
                "data": data,
                "translation_type": like.translation_type if like else "manual",
                "tool_name": like.tool_name if like else "",
                "last_translated_by_id": like.last_translated_by_id if like else None,
                "has_error": False,
                "field_error": "",
            },
        )

    def next_order(self, source):
        orders = self.segments.filter(source_id=source.pk).aggregate(Max("order"))
        return (orders["order__max"] or 0) + 1

    def shift_orders_after(self, source, order, by):
        self.segments.filter(source_id=source.pk, order__gt=order).update(order=F("order") + by)


def stored_stream(content):
    """The body of a source's content_json if it is already paragraphs (a JSON list)."""
    try:
        value = json.loads(content.get("body") or "")
    except (TypeError, ValueError):
        return None
    if isinstance(value, list) and all(isinstance(block, dict) for block in value):
        return value
    return None


def set_content(source, content, schema_version):
    source.content_json = json.dumps(content)
    source.schema_version = schema_version
    source.save(update_fields=["content_json", "schema_version"])


def sources_to_paragraphs(tables, block_ids):
    for source in tables.email_template_sources():
        content = json.loads(source.content_json)
        if "body" not in content or stored_stream(content) is not None:
            continue
        paragraphs = split(content["body"])
        ids = block_ids.of(source.object_id, len(paragraphs))
        content["body"] = json.dumps(stream(paragraphs, ids))
        set_content(source, content, THIS_MIGRATION)

        # The one segment of the body gives way to a segment per paragraph.
        old_context = tables.contexts.filter(object_id=source.object_id, path="body").first()
        old_segment = (
            tables.segments.filter(source_id=source.pk, context_id=old_context.pk).first()
            if old_context is not None
            else None
        )
        latest = {}
        if old_segment is not None:
            latest = {
                translation.locale_id: translation
                for translation in tables.translations.filter(
                    translation_of_id=old_segment.string_id, context_id=old_context.pk
                )
            }
            order = old_segment.order
            old_segment.delete()
            tables.shift_orders_after(source, order, len(paragraphs) - 1)
        else:
            order = tables.next_order(source)
        segments = [
            tables.make_segment(
                source, f"body.{block_id}", "body.paragraph", string_data(text), position
            )
            for position, (text, block_id) in enumerate(zip(paragraphs, ids, strict=True), order)
        ]

        # Each translation's paragraphs become the translations of those segments.
        for translated in tables.translated(source):
            old = latest.get(translated.locale_id)
            texts = split(plain(old.data)) if old is not None and not old.has_error else []
            if len(texts) != len(paragraphs):
                texts = paragraphs_of(translated.body_paragraphs)
            if len(texts) != len(paragraphs):
                continue  # nothing to pair paragraph by paragraph: translators redo them
            for (string, context), text in zip(segments, texts, strict=True):
                tables.translate(string, context, translated.locale_id, string_data(text), old)


def sources_to_text(tables):
    for source in tables.email_template_sources():
        content = json.loads(source.content_json)
        blocks = stored_stream(content)
        if blocks is None:
            continue
        text = join(block.get("value", "") for block in blocks if block.get("type") == PARAGRAPH)
        content["body"] = text
        set_content(source, content, PREVIOUS_MIGRATION)

        # The paragraphs' segments give way to one segment of the whole body.
        segments = list(
            tables.segments.filter(source_id=source.pk, context__path__startswith="body.").order_by(
                "order"
            )
        )
        done = {}
        for segment in segments:
            for translation in tables.translations.filter(
                translation_of_id=segment.string_id, context_id=segment.context_id, has_error=False
            ):
                done.setdefault(translation.locale_id, {})[segment.pk] = translation
        if segments:
            order = segments[0].order
            tables.segments.filter(pk__in=[segment.pk for segment in segments]).delete()
            tables.shift_orders_after(source, order, -(len(segments) - 1))
        else:
            order = tables.next_order(source)
        if not text:
            continue
        string, context = tables.make_segment(source, "body", "body", string_data(text), order)

        for translated in tables.translated(source):
            by_segment = done.get(translated.locale_id, {})
            if segments and all(segment.pk in by_segment for segment in segments):
                whole = join(plain(by_segment[segment.pk].data) for segment in segments)
                like = by_segment[segments[0].pk]
            else:
                whole, like = join(paragraphs_of(translated.body_paragraphs)), None
            tables.translate(string, context, translated.locale_id, string_data(whole), like)


def to_paragraphs(apps, schema_editor):
    tables = Tables(apps, schema_editor)
    block_ids = BlockIds()
    for template in tables.templates.all():
        paragraphs = split(template.body)
        template.body_paragraphs = stream(
            paragraphs, block_ids.of(template.translation_key, len(paragraphs))
        )
        template.save(update_fields=["body_paragraphs"])
    sources_to_paragraphs(tables, block_ids)


def to_text(apps, schema_editor):
    tables = Tables(apps, schema_editor)
    sources_to_text(tables)
    for template in tables.templates.all():
        template.body = join(paragraphs_of(template.body_paragraphs))
        template.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [
        ("enquiries", "0014_enquiry_photos"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="emailtemplate",
            name="body_paragraphs",
            field=wagtail.fields.StreamField(
                [("paragraph", 0)],
                block_lookup={
                    0: (
                        "wagtail.blocks.TextBlock",
                        (),
                        {
                            "help_text": (
                                "Plain text; a line break stays a line break in the email."
                            ),
                            "label": "Paragraph",
                            "rows": 3,
                        },
                    )
                },
                default=list,
                help_text=(
                    "One block per paragraph. Placeholders in braces, for example {first_name}: "
                    "see the list below the field."
                ),
                verbose_name="body",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(to_paragraphs, to_text),
        # A default, so that the reverse migration can add the text column back to filled rows.
        migrations.AlterField(
            model_name="emailtemplate",
            name="body",
            field=models.TextField(default="", verbose_name="body"),
        ),
        migrations.RemoveField(model_name="emailtemplate", name="body"),
        migrations.RenameField(
            model_name="emailtemplate", old_name="body_paragraphs", new_name="body"
        ),
    ]
