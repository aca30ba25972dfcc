"""Every interface string is translated into every site language."""

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
        for placeholder in ("%(range)s", "%(count)s", "%(name)s", "%(date)s"):
            if placeholder in entry.msgid:
                targets = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
                assert all(placeholder in target for target in targets), entry.msgid
