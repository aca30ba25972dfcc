"""The site's navigation in each language: the home page, the pages editors show in menus
(the treatments index with its categories, about, contact) and the privacy notice.

Built from two small queries per language and cached until a page is published,
unpublished, moved or deleted, so a page view costs none. Pages that are not Wagtail pages
(the thank-you page, the 404) get it too, with a language switcher to their own
counterparts.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import Error as DatabaseError  # also InterfaceError: a connection lost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from tourism_site import process_cache
from tourism_site.languages import native_name

from .models import HomePage, TreatmentCategory, TreatmentIndexPage, TreatmentPage
from .models.base import Alternate, privacy_notice_key
from .urls import PageUrls

CACHE_KEY = "pages:navigation:{language}"


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    path: str = ""
    # For the treatments index: (anchor, label) of each category it lists.
    categories: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True)
class Navigation:
    home: Link | None
    items: tuple[Link, ...]
    privacy: Link | None

    def breadcrumbs(self, page) -> list[Link]:
        """The menu pages above `page` in its tree, home first."""
        above = [
            item
            for item in self.items
            if page.path.startswith(item.path) and item.path != page.path
        ]
        return ([self.home] if self.home else []) + above


def category_anchor(value: str) -> str:
    return f"category-{value}"


def for_language(language: str) -> Navigation:
    key = CACHE_KEY.format(language=language)
    navigation = process_cache.get(key)
    if navigation is None:
        try:
            navigation = _build(language)
        except DatabaseError:
            # The pages served while the database is down (the form kept for later, the
            # error pages) still render: without a menu, not with a 500.
            return Navigation(home=None, items=(), privacy=None)
        process_cache.set(key, navigation)
    return navigation


def _build(language: str) -> Navigation:
    urls = PageUrls()
    privacy_key = privacy_notice_key()
    rows = list(
        Page.objects.live()
        .public()
        .filter(locale__language_code=language, depth__lte=3)
        .values(
            "id",
            "title",
            "url_path",
            "path",
            "depth",
            "show_in_menus",
            "translation_key",
            "content_type",
        )
        .order_by("path")
    )
    categories = set(
        TreatmentPage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .values_list("category", flat=True)
        .distinct()
    )
    home_type = ContentType.objects.get_for_model(HomePage).pk
    index_type = ContentType.objects.get_for_model(TreatmentIndexPage).pk
    with translation.override(language):
        labels = [
            (category_anchor(value), str(label))
            for value, label in TreatmentCategory.choices
            if value in categories
        ]
    home, items, privacy = None, [], None
    for row in rows:
        _root, url = urls(row["url_path"], language)
        if url is None:
            continue
        link = Link(
            title=row["title"],
            url=url,
            path=row["path"],
            categories=tuple(labels) if row["content_type"] == index_type else (),
        )
        if row["content_type"] == home_type:
            home = link
        elif privacy_key and row["translation_key"] == privacy_key:
            privacy = link
        elif row["show_in_menus"] and row["depth"] == 3:
            items.append(link)
    return Navigation(home=home, items=tuple(items), privacy=privacy)


def home_alternates(current: str, view_name: str | None = None) -> list[Alternate]:
    """A switcher for pages that are not Wagtail pages: the same view in each language, or
    each language's home page."""
    alternates = []
    for code, _name in settings.LANGUAGES:
        if view_name:
            with translation.override(code):
                url = reverse(view_name)
        else:
            url = f"/{code}/"
        alternates.append(Alternate(code, url, url, native_name(code), is_current=code == current))
    return alternates


# Once the change is committed: a request meanwhile would cache the old menu again, for good.
@receiver([page_published, page_unpublished, post_page_move, page_slug_changed])
def _forget_on_change(**kwargs):
    transaction.on_commit(forget)


@receiver(post_delete)
def _forget_on_delete(sender, **kwargs):
    if issubclass(sender, Page):
        transaction.on_commit(forget)


@receiver([post_save, post_delete], sender=PageViewRestriction)
def _forget_on_restriction(**kwargs):
    transaction.on_commit(forget)  # the menus leave out private pages


def forget() -> None:
    process_cache.forget(*[CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])
