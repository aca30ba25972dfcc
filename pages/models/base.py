"""Behaviour every page shares: its published translations, for hreflang and the switcher."""

import uuid
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from tourism_site import process_cache
from tourism_site.languages import is_rtl, native_name

from ..localize_workarounds import FreshNumchildMixin
from ..urls import PageUrls, site_root_paths

NOTHING = models.Q(pk__in=[])
ANY_RESTRICTIONS_KEY = "pages:any-view-restrictions"


def any_view_restrictions() -> bool:
    """Whether any page is private; cached until a restriction is saved or deleted."""
    return process_cache.get_or_set(ANY_RESTRICTIONS_KEY, PageViewRestriction.objects.exists)


# Forgotten once the change is committed (here and below): a request meanwhile would read the
# old rows and cache them again, kept until the next change.
@receiver([post_save, post_delete], sender=PageViewRestriction)
def _forget_view_restrictions(**kwargs):
    transaction.on_commit(partial(process_cache.forget, ANY_RESTRICTIONS_KEY))


PRIVACY_NOTICE_KEY = "pages:privacy-notice-translation-key"


def privacy_notice_key() -> uuid.UUID | None:
    """The translation_key shared by the privacy notice's translations (the English page with
    PRIVACY_NOTICE_SLUG). Cached until a page is published, unpublished or deleted: a
    subquery for it cost every page view about a fifth of its queries' time."""
    key = process_cache.get(PRIVACY_NOTICE_KEY)
    if key is None:
        key = (
            Page.objects.filter(
                slug=settings.PRIVACY_NOTICE_SLUG, locale__language_code=settings.LANGUAGE_CODE
            )
            .values_list("translation_key", flat=True)
            .first()
        )
        if key is not None:  # a missing notice is looked up again next time
            process_cache.set(PRIVACY_NOTICE_KEY, str(key))
        return key
    return uuid.UUID(key)


# A publication, an unpublication, a move, a new slug or a deletion of any page may change
# the privacy notice's key and a page's links (kept_links: live pages' rows). Forgetting the
# key starts a new generation, which drops the kept links too.
@receiver([page_published, page_unpublished, post_page_move, page_slug_changed])
def _pages_changed(**kwargs):
    transaction.on_commit(partial(process_cache.forget, PRIVACY_NOTICE_KEY))


@receiver(post_delete)
def _pages_changed_on_delete(sender, **kwargs):
    if issubclass(sender, Page):
        transaction.on_commit(partial(process_cache.forget, PRIVACY_NOTICE_KEY))


def kept_links(page, name: str, build):
    """build() (a page's linked_pages rows), kept by each process until any page is
    published, unpublished, moved or deleted. The rows are read, never changed."""
    if page.pk is None:  # a preview of a page never saved
        return build()
    return process_cache.kept(f"pages:{name}:{page.pk}", build)


LANGUAGE_ORDER = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}


@dataclass(frozen=True)
class Alternate:
    language_code: str
    url: str
    full_url: str
    name: str
    is_current: bool


class SitePage(FreshNumchildMixin, Page):
    """Abstract base of the site's pages."""

    class Meta:
        abstract = True

    @property
    def language_code(self) -> str:
        return self.locale.language_code

    @property
    def is_rtl(self) -> bool:
        return is_rtl(self.language_code)

    def get_view_restrictions(self):
        """Wagtail's rule (restrictions on the page or an ancestor; an alias uses its source's)
        in one query instead of two, and none while no page is restricted at all: this runs
        on every page view."""
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        ancestors = Page.objects.filter(
            path__in=[
                self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)
            ]
        )
        return PageViewRestriction.objects.filter(
            Q(page__in=ancestors.filter(alias_of__isnull=True))
            | Q(page__in=ancestors.filter(alias_of__isnull=False).values("alias_of"))
        )

    def get_alternates(self, request=None) -> list[Alternate]:
        """Published translations of this page (itself included), in the site's language order."""
        return self._alternates_from(self.linked_pages())

    def linked_pages(self, extra: models.Q | None = None, fields=(), flags=None):
        """Live pages this page links to, as rows with their URLs: its translations, the
        privacy notice in its language (for the footer and forms), and the pages matching
        `extra` (subclasses fetch their other links in the same query). `flags` maps names
        to conditions, each becoming a boolean in the rows."""
        flags = flags or {}
        privacy_key = privacy_notice_key()
        privacy = (
            models.Q(locale_id=self.locale_id, translation_key=privacy_key)
            if privacy_key
            else NOTHING
        )
        rows = (
            Page.objects.live()
            .filter(models.Q(translation_key=self.translation_key) | privacy | (extra or NOTHING))
            .annotate(
                **{
                    name: models.ExpressionWrapper(condition, models.BooleanField())
                    for name, condition in flags.items()
                },
            )
            .values(
                "id",
                "title",
                "url_path",
                "translation_key",
                "locale__language_code",
                *flags,
                *fields,
            )
        )
        page_url = PageUrls(site_root_paths(self))
        language = self.locale.language_code
        for row in rows:
            row["root_url"], row["url"] = page_url(row["url_path"], row["locale__language_code"])
            row["is_privacy_notice"] = (
                row["translation_key"] == privacy_key and row["locale__language_code"] == language
            )
        return [row for row in rows if row["url"] is not None]

    def _alternates_from(self, rows) -> list[Alternate]:
        alternates = []
        for row in rows:
            if row["translation_key"] != self.translation_key or (
                row["is_privacy_notice"] and row["id"] != self.pk
            ):
                continue
            code = row["locale__language_code"]
            alternates.append(
                Alternate(
                    language_code=code,
                    url=row["url"],
                    full_url=row["root_url"] + row["url"],
                    name=native_name(code),
                    is_current=row["id"] == self.pk,
                )
            )
        alternates.sort(key=lambda alternate: LANGUAGE_ORDER.get(alternate.language_code, 99))
        return alternates

    def get_context(self, request, *args, linked_pages=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = linked_pages
        if rows is None:
            rows = kept_links(self, "links", self.linked_pages)
        alternates = self._alternates_from(rows)
        context["alternates"] = alternates
        context["privacy_notice"] = next((row for row in rows if row["is_privacy_notice"]), None)
        # x-default points at the source-language version: the page for everyone else.
        context["x_default"] = next(
            (a for a in alternates if a.language_code == settings.LANGUAGE_CODE), None
        )
        context["canonical_url"] = next((a.full_url for a in alternates if a.is_current), None)
        return context
