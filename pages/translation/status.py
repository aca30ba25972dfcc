"""Where each English page stands in every other language: missing, draft, source changed or
up to date. Plain functions over a fixed number of bulk queries (four, whatever the page count);
the admin view is pages/translation/status_views.py.

The rules, for an English page P and a language L (first that applies):
- missing: no page with P's translation key in L, or only an alias of P (an untranslated copy);
- draft: the translated page T is not live;
- source changed: T has an enabled wagtail-localize Translation and either P was published after
  its TranslationSource was last synced (`last_published_at` > `last_updated_at`) or a string
  segment of that source has no error-free StringTranslation in L (what
  `Translation.get_progress()` counts as untranslated); T has no enabled Translation (made or
  edited outside wagtail-localize's editor): P was published after T;
- up to date: otherwise.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, TextChoices
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation


class TranslationState(TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    SOURCE_CHANGED = "source_changed", _("Source changed")
    UP_TO_DATE = "up_to_date", _("Up to date")


@dataclass(frozen=True)
class LocalizeTranslation:
    """The columns of an enabled wagtail-localize Translation that the rules need."""

    id: int
    source_last_updated_at: datetime
    untranslated_segments: int


@dataclass(frozen=True)
class Cell:
    locale: Locale
    state: TranslationState
    page_id: int | None = None  # the translated page (not an alias)
    translation: LocalizeTranslation | None = None  # only an enabled one


@dataclass
class Row:
    page_id: int
    title: str
    depth: int  # 0 for the home page
    path: str  # the URL path under the home page, "/" for the home page
    cells: list[Cell] = field(default_factory=list)

    def cell(self, language_code: str) -> Cell | None:
        return next((c for c in self.cells if c.locale.language_code == language_code), None)


@dataclass
class Status:
    source_locale: Locale | None
    locales: list[Locale]  # the target languages, in settings.LANGUAGES order
    rows: list[Row]

    def counts(self) -> dict[str, Counter]:
        """language code -> {state: number of English pages in that state}."""
        counts = {locale.language_code: Counter() for locale in self.locales}
        for row in self.rows:
            for cell in row.cells:
                counts[cell.locale.language_code][cell.state] += 1
        return counts


def _untranslated_segments():
    """Per Translation row: its source's string segments with no usable string in its locale."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("target_locale_id")),
        has_error=False,
    )
    untranslated = (
        StringSegment.objects.filter(source_id=OuterRef("source_id"))
        .filter(~Exists(translated))
        .order_by()
        .values("source_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(untranslated, output_field=IntegerField()), 0)


def state_of(english: dict, page: dict | None, translation: LocalizeTranslation | None):
    if page is None or page["alias_of_id"] is not None:
        return TranslationState.MISSING
    if not page["live"]:
        return TranslationState.DRAFT
    published = english["last_published_at"]
    if translation is not None:
        changed = translation.untranslated_segments > 0 or (
            published is not None and published > translation.source_last_updated_at
        )
    else:
        own = page["last_published_at"]
        changed = published is not None and own is not None and published > own
    return TranslationState.SOURCE_CHANGED if changed else TranslationState.UP_TO_DATE


def _relative_path(url_path: str) -> str:
    # url_path starts with the home page's slug ("/home/treatments/botox/").
    parts = url_path.strip("/").split("/")[1:]
    return "/" + "".join(f"{part}/" for part in parts)


def translation_status() -> Status:
    order = [code for code, _name in settings.LANGUAGES]
    locales = sorted(
        Locale.objects.filter(language_code__in=order),
        key=lambda locale: order.index(locale.language_code),
    )
    source = next((loc for loc in locales if loc.language_code == settings.LANGUAGE_CODE), None)
    targets = [locale for locale in locales if locale != source]
    if source is None:
        return Status(source_locale=None, locales=targets, rows=[])

    english_pages = Page.objects.filter(locale=source, depth__gt=1, alias_of__isnull=True)
    keys = english_pages.values("translation_key")
    english = list(
        english_pages.order_by("path").values(
            "id", "title", "depth", "url_path", "translation_key", "last_published_at"
        )
    )
    pages = {
        (page["translation_key"], page["locale_id"]): page
        for page in Page.objects.filter(translation_key__in=keys, locale__in=targets).values(
            "id", "translation_key", "locale_id", "live", "alias_of_id", "last_published_at"
        )
    }
    translations = {
        (row["source__object_id"], row["target_locale_id"]): LocalizeTranslation(
            id=row["id"],
            source_last_updated_at=row["source__last_updated_at"],
            untranslated_segments=row["untranslated"],
        )
        for row in Translation.objects.filter(
            enabled=True,
            source__locale=source,
            source__object_id__in=keys,
            target_locale__in=targets,
        )
        .annotate(untranslated=_untranslated_segments())
        .values(
            "id", "source__object_id", "source__last_updated_at", "target_locale_id", "untranslated"
        )
    }

    top = min((page["depth"] for page in english), default=2)
    rows = []
    for page in english:
        row = Row(page["id"], page["title"], page["depth"] - top, _relative_path(page["url_path"]))
        for locale in targets:
            key = (page["translation_key"], locale.pk)
            translated, translation = pages.get(key), translations.get(key)
            state = state_of(page, translated, translation)
            row.cells.append(
                Cell(
                    locale=locale,
                    state=state,
                    page_id=None if state == TranslationState.MISSING else translated["id"],
                    translation=None if state == TranslationState.MISSING else translation,
                )
            )
        rows.append(row)
    return Status(source_locale=source, locales=targets, rows=rows)
