"""enquiries/migrations/0015_email_template_paragraphs.py: bodies split into paragraphs in every
locale, wagtail-localize's source, segments and translations with them, and all joined back.

The migration runs forward and back through Django's own machinery (the migration loader's
states, the migration's operations and a schema editor) on a database of its own: only the
tables it touches, filled as they were at 0014, so that nothing of the demo site changes.
"""

import json
import uuid

import pytest
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from wagtail_localize.models import String, TranslationContext
from wagtail_localize.strings import StringValue

pytestmark = pytest.mark.django_db

ALIAS = "email_template_migration"
BEFORE = [
    ("enquiries", "0014_enquiry_photos"),
    ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
]
MIGRATION = ("enquiries", "0015_email_template_paragraphs")
TABLES = [
    ("contenttypes", "ContentType"),
    # Only for the foreign keys of translations (their last translator), which SQLite checks.
    ("auth", "Permission"),
    ("auth", "Group"),
    ("auth", "User"),
    ("wagtailcore", "Locale"),
    ("wagtail_localize", "TranslatableObject"),
    ("wagtail_localize", "TranslationSource"),
    ("wagtail_localize", "String"),
    ("wagtail_localize", "TranslationContext"),
    ("wagtail_localize", "StringSegment"),
    ("wagtail_localize", "StringTranslation"),
    ("enquiries", "EmailTemplate"),
]

SUBJECT = "We have your enquiry {reference}"
ENGLISH = "Dear {first_name},\n\nThank you for writing to us.\n\nKind regards,\n{clinic}"
GERMAN = "Guten Tag {first_name},\n\nvielen Dank für Ihre Nachricht.\n\nViele Grüße\n{clinic}"
# A translation whose paragraphs do not pair with the English ones.
FRENCH = "Bonjour {first_name}, merci de nous avoir écrit.\n\nCordialement,\n{clinic}"


def data(text):
    return StringValue.from_plaintext(text).data


@pytest.fixture
def database(tmp_path):
    """An SQLite database of its own, with the tables the migration reads and writes."""
    settings = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "migration.sqlite3"),
        "OPTIONS": {},
    }
    connections.settings[ALIAS] = settings
    connection = connections[ALIAS]
    # Connected here: the test case refuses to open connections other than the default, the
    # database of the test, but this one is the test's own and is thrown away with it.
    connection.connect()
    loader = MigrationLoader(None, ignore_no_migrations=True)
    state = loader.project_state(BEFORE)
    with connection.schema_editor() as editor:
        for app_label, model_name in TABLES:
            editor.create_model(state.apps.get_model(app_label, model_name))
    yield loader, state, connection
    connection.close()
    del connections[ALIAS]
    del connections.settings[ALIAS]


def tables(state):
    return lambda app_label, name: state.apps.get_model(app_label, name).objects.using(ALIAS)


def fill_as_at_0014(state):
    """An English template translated into German with wagtail-localize (one segment for the
    whole body), and a French row written without it."""
    table = tables(state)
    content_type = table("contenttypes", "ContentType").create(
        app_label="enquiries", model="emailtemplate"
    )
    locales = {
        code: table("wagtailcore", "Locale").create(language_code=code)
        for code in ("en", "de", "fr")
    }
    key = uuid.uuid4()
    table("wagtail_localize", "TranslatableObject").create(
        translation_key=key, content_type_id=content_type.pk
    )
    rows = {
        code: table("enquiries", "EmailTemplate").create(
            translation_key=key,
            locale_id=locales[code].pk,
            kind="acknowledgement",
            subject=SUBJECT,
            body=body,
        )
        for code, body in (("en", ENGLISH), ("de", GERMAN), ("fr", FRENCH))
    }
    content = {
        "pk": rows["en"].pk,
        "translation_key": str(key),
        "locale": locales["en"].pk,
        "kind": "acknowledgement",
        "subject": SUBJECT,
        "body": ENGLISH,
    }
    source = table("wagtail_localize", "TranslationSource").create(
        object_id=key,
        specific_content_type_id=content_type.pk,
        locale_id=locales["en"].pk,
        object_repr="Acknowledgement",
        content_json=json.dumps(content),
        schema_version="0014_enquiry_photos",
        last_updated_at=timezone.now(),
    )
    for order, (path, english, german) in enumerate(
        [("subject", SUBJECT, "Wir haben Ihre Anfrage {reference}"), ("body", ENGLISH, GERMAN)],
        start=1,
    ):
        string = table("wagtail_localize", "String").create(
            locale_id=locales["en"].pk,
            data=data(english),
            data_hash=String._get_data_hash(data(english)),
        )
        context = table("wagtail_localize", "TranslationContext").create(
            object_id=key, path=path, path_id=TranslationContext._get_path_id(path), field_path=path
        )
        table("wagtail_localize", "StringSegment").create(
            source_id=source.pk,
            context_id=context.pk,
            string_id=string.pk,
            order=order,
            attrs="null",
        )
        table("wagtail_localize", "StringTranslation").create(
            translation_of_id=string.pk,
            locale_id=locales["de"].pk,
            context_id=context.pk,
            data=data(german),
            translation_type="manual",
        )
    return key, locales, content


def segments(state, key):
    table = tables(state)
    source = table("wagtail_localize", "TranslationSource").get(object_id=key)
    return source, list(
        table("wagtail_localize", "StringSegment")
        .filter(source_id=source.pk)
        .select_related("string", "context")
        .order_by("order")
    )


def translation_of(state, segment, locale):
    found = (
        tables(state)("wagtail_localize", "StringTranslation")
        .filter(
            translation_of_id=segment.string_id, context_id=segment.context_id, locale_id=locale.pk
        )
        .first()
    )
    return found and found.data


def test_bodies_become_paragraphs_with_their_segments_and_back(database):
    loader, before, connection = database
    key, locales, content = fill_as_at_0014(before)
    migration = loader.get_migration(*MIGRATION)

    with connection.schema_editor() as editor:
        after = migration.apply(before.clone(), editor)

    # Every locale's row is split on its blank lines, translations sharing the block ids.
    rows = {
        row.locale.language_code: [(block.block_type, block.value, block.id) for block in row.body]
        for row in tables(after)("enquiries", "EmailTemplate").select_related("locale")
    }
    assert [text for _type, text, _id in rows["en"]] == [
        "Dear {first_name},",
        "Thank you for writing to us.",
        "Kind regards,\n{clinic}",
    ]
    assert [text for _type, text, _id in rows["de"]] == GERMAN.split("\n\n")
    assert [text for _type, text, _id in rows["fr"]] == FRENCH.split("\n\n")
    assert {kind for blocks in rows.values() for kind, _text, _id in blocks} == {"paragraph"}
    ids = [block_id for _type, _text, block_id in rows["en"]]
    assert [block_id for *_rest, block_id in rows["de"]] == ids
    assert [block_id for *_rest, block_id in rows["fr"]] == ids[:2]

    # wagtail-localize's copy of the source, and a segment per paragraph instead of one.
    source, after_segments = segments(after, key)
    stored = json.loads(json.loads(source.content_json)["body"])
    assert [(block["value"], block["id"]) for block in stored] == [
        (text, block_id) for _type, text, block_id in rows["en"]
    ]
    assert source.schema_version == "0015_email_template_paragraphs"
    assert [(s.order, s.context.path) for s in after_segments] == [
        (1, "subject"),
        *((order, f"body.{block_id}") for order, block_id in enumerate(ids, start=2)),
    ]
    body_segments = after_segments[1:]
    assert [s.string.data for s in body_segments] == [
        "Dear {first_name},",
        "Thank you for writing to us.",
        "Kind regards,<br/>{clinic}",
    ]
    assert not any("<br/><br/>" in s.string.data for s in after_segments)
    # The German translation carried over paragraph by paragraph; the French one cannot be.
    assert [translation_of(after, s, locales["de"]) for s in body_segments] == [
        data(paragraph) for paragraph in GERMAN.split("\n\n")
    ]
    assert [translation_of(after, s, locales["fr"]) for s in body_segments] == [None] * 3

    with connection.schema_editor() as editor:
        migration.unapply(before.clone(), editor)

    texts = dict(
        tables(before)("enquiries", "EmailTemplate").values_list("locale__language_code", "body")
    )
    assert texts == {"en": ENGLISH, "de": GERMAN, "fr": FRENCH}
    source, back = segments(before, key)
    assert json.loads(source.content_json) == content
    assert source.schema_version == "0014_enquiry_photos"
    assert [(s.order, s.context.path, s.string.data) for s in back] == [
        (1, "subject", SUBJECT),
        (2, "body", data(ENGLISH)),
    ]
    assert translation_of(before, back[1], locales["de"]) == data(GERMAN)
