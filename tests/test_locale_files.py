"""Every interface string is translated into every site language."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_interface_strings_are_fully_translated(language):
    po = polib.pofile(str(Path(settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.po")))

    assert len(po) > 100
    assert po.untranslated_entries() == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert Path(po.fpath).with_suffix(".mo").exists(), "run compilemessages"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    po = polib.pofile(str(Path(settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.po")))
    for entry in po.translated_entries():
        targets = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for placeholder in set(re.findall(r"%\(\w+\)[sd]", entry.msgid)):
            assert all(placeholder in target for target in targets), entry.msgid


def jinja_template_messages() -> set[str]:
    """Every string the public (Jinja2) templates translate, found by Jinja's own parser.

    Django's makemessages reads these files as Django templates; this checks that it missed
    none (it only sees `_("...")` at the start of a {{ }} or inside a {% %} tag)."""
    from jinja2.ext import babel_extract

    options = {"extensions": "jinja2.ext.i18n,wagtail.jinja2tags.core"}
    folders = [Path(settings.BASE_DIR, "templates")] + [
        path for path in Path(settings.BASE_DIR).glob("*/jinja2") if ".venv" not in path.parts
    ]
    messages = set()
    for folder in folders:
        for template in folder.rglob("*.html"):
            with template.open("rb") as source:
                for _line, _function, message, _comments in babel_extract(
                    source, ["_", "gettext"], [], options
                ):
                    messages.add(message)
    return messages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_public_templates_is_translated(language):
    po = polib.pofile(str(Path(settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.po")))
    translated = {entry.msgid for entry in po.translated_entries()}
    messages = jinja_template_messages()

    assert len(messages) > 40
    assert sorted(messages - translated) == []
