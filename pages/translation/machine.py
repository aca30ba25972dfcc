"""Machine translation as drafts for a translator to review, never published by itself.

The engine comes from the environment (settings: DeepL with a key, LibreTranslate at a URL,
or wagtail-localize's dummy translator for demos); `KeptTermsTranslator` wraps it so the
terms editors list (Snippets → Terms kept as they are) come back untouched.
"""

import logging
import re

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.strings import StringValue

from ..localize_workarounds import save_translation_draft
from ..models.kept_terms import KeptTerm

logger = logging.getLogger(__name__)

PLACEHOLDER = re.compile(r'<kept id="(\d+)"\s*/?>(?:</kept>)?')


def protect(text: str, terms: list[str]) -> tuple[str, list[str]]:
    """Each kept term replaced by an empty element, which engines in HTML mode pass through."""
    found = []
    for term in sorted(terms, key=len, reverse=True):  # "Botox Cosmetic" before "Botox"

        def hold(match):
            found.append(match.group(0))
            return f'<kept id="{len(found) - 1}"/>'

        text = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", hold, text)
    return text, found


def restore(text: str, found: list[str]) -> str:
    return PLACEHOLDER.sub(lambda match: found[int(match.group(1))], text)


ENGINES = {
    "deepl": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
    "libretranslate": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
    "dummy": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}


class KeptTermsTranslator(BaseMachineTranslator):
    """The configured engine (OPTIONS["ENGINE"]: a name in ENGINES or a class path), with
    the kept terms held out of it."""

    def __init__(self, options):
        super().__init__(options)
        engine_options = {k: v for k, v in options.items() if k != "ENGINE"}
        engine = ENGINES.get(options["ENGINE"], options["ENGINE"])
        self.engine = import_string(engine)(engine_options)
        self.display_name = self.engine.display_name

    def can_translate(self, source_locale, target_locale):
        return self.engine.can_translate(source_locale, target_locale)

    def translate(self, source_locale, target_locale, strings):
        terms = list(KeptTerm.objects.values_list("term", flat=True))
        held = {}
        for string in strings:
            text, found = protect(string.data, terms)
            held[string] = (StringValue(text), found)
        translated = self.engine.translate(
            source_locale, target_locale, [value for value, _found in held.values()]
        )
        return {
            string: StringValue(restore(translated[value].data, found))
            for string, (value, found) in held.items()
        }


def machine_translator() -> BaseMachineTranslator | None:
    from wagtail_localize.machine_translators import get_machine_translator

    return get_machine_translator() if settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR else None


@transaction.atomic
def translate_to_draft(translation: Translation, user=None) -> int:
    """Fill the segments no one has translated yet with machine output, and save the
    translation as a draft (a new revision of the translated page, not published).
    Returns how many segments the engine translated."""
    translator = machine_translator()
    if translator is None or not translator.can_translate(
        translation.source.locale, translation.target_locale
    ):
        return 0
    done = set(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "translation_of_id", "context_id"
        )
    )
    wanted = {}
    for segment in translation.source.stringsegment_set.select_related("string", "context"):
        if (segment.string_id, segment.context_id) not in done:
            wanted.setdefault(segment.string.as_value(), []).append(segment)
    if wanted:
        results = translator.translate(
            translation.source.locale, translation.target_locale, list(wanted)
        )
        for value, segments in wanted.items():
            for segment in segments:
                StringTranslation.objects.update_or_create(
                    translation_of_id=segment.string_id,
                    locale=translation.target_locale,
                    context_id=segment.context_id,
                    defaults={
                        "data": results[value].data,
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                        "tool_name": translator.display_name,
                        "last_translated_by": user,
                        "has_error": False,
                        "field_error": "",
                    },
                )
    save_translation_draft(translation, user)
    return len(wanted)


@transaction.atomic
def translate_page_to_draft(page, locale, user=None) -> int:
    """Bring the page's translation source up to date with the English page, create the
    translation as a draft if there is none, and machine-translate what is untranslated."""
    page = page.specific
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation = Translation.objects.filter(source=source, target_locale=locale).first()
    if translation is None:
        # A new page, not live (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is off).
        TranslationCreator(user, [locale]).create_translations(page)
        translation = Translation.objects.get(source=source, target_locale=locale)
    return translate_to_draft(translation, user)


def translate_pages_to_drafts(pages, locales, user=None, job=None) -> None:
    """A job's steps: each page into each language. A step that fails is reported on the
    job, and the others go on."""
    for page in pages:
        for locale in locales:
            try:
                translate_page_to_draft(page, locale, user)
            except Exception as error:
                if job is None:
                    raise
                logger.warning("Machine translation of page %s into %s failed", page.pk, locale)
                job.advance(failure=f"{page.title} ({locale.get_display_name()}): {error}")
            else:
                if job is not None:
                    job.advance()
