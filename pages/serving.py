"""Serving pages in a fixed, small number of queries, the same in every language.

Wagtail's own routing walks the tree one level at a time (a query per level, plus one per
`.specific`) and first looks up the language's home page, so the query count grows with a
page's depth and differs between English and the translations. Here the whole path is found
in one query by its url_path within the active language's tree (known from Wagtail's cached
site root paths); Wagtail's serve() then runs with that route, so its hooks (view
restrictions, before_serve_page) and anything unusual (routable pages) behave as before.

The Site matching a host name is kept in memory for a minute: sites change about never, and
Wagtail's lookup costs a query and a few milliseconds on every request.
"""

import time

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from .urls import KEPT_ON, site_root_paths

SITE_CACHE_SECONDS = 60
_sites_by_host: dict[tuple[str, int], tuple[float, Site | None]] = {}


def site_for_request(request) -> Site | None:
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = (request._get_raw_host(), request.get_port())
    cached = _sites_by_host.get(key)
    if cached is None or cached[0] < time.monotonic():
        cached = (time.monotonic() + SITE_CACHE_SECONDS, Site._find_for_request(request))
        _sites_by_host[key] = cached
    # Wagtail's own per-request cache: Site.find_for_request() now returns this.
    request._wagtail_site = cached[1]
    return cached[1]


@receiver([post_save, post_delete], sender=Site)
def _forget_sites(**kwargs):
    _sites_by_host.clear()


def find_route(request, path: str):
    site = site_for_request(request)
    if site is None:
        return None
    language = translation.get_language()
    roots = site_root_paths(request)
    root = next(
        (root for root in roots if root.site_id == site.pk and root.language_code == language),
        None,
    )
    if root is None:
        return None
    url_path = root.root_path + "".join(f"{part}/" for part in path.split("/") if part)
    page = _live_page(url_path, language)
    if page is None:
        return None
    # The page's own URL and its links (page.url, linked_pages) use the same list.
    setattr(page, KEPT_ON, roots)
    return page.route(request, [])


# Page columns that serving never reads: not loading them saves a noticeable share of the
# query's cost (Django spends more time per column than SQLite does).
UNUSED_WHEN_SERVING = [
    "draft_title",
    "first_published_at",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "show_in_menus",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "live_revision",
]

# url_path -> page model. A page's type never changes, and the query below checks url_path,
# language and live status again, so a stale entry only costs the slower lookup.
_page_models: dict[str, type[Page]] = {}


def _live_page(url_path: str, language: str) -> Page | None:
    key = f"{language}:{url_path}"
    model = _page_models.get(key)
    if model is None:
        found = (
            Page.objects.filter(url_path=url_path, locale__language_code=language, live=True)
            .values_list("content_type_id", flat=True)
            .first()
        )
        if found is None:
            return None
        model = _page_models[key] = ContentType.objects.get_for_id(found).model_class()
    # One page at most (slugs are unique among siblings), so unordered: ordering by path
    # costs Django ~0.8 ms of building this query's SQL, a quarter of it.
    pages = (
        model.objects.filter(url_path=url_path, locale__language_code=language, live=True)
        .select_related("locale", *getattr(model, "route_select_related", []))
        .defer(*UNUSED_WHEN_SERVING)
        .order_by()
    )
    page = next(iter(pages[:1]), None)
    if page is None and key in _page_models:
        del _page_models[key]
        return _live_page(url_path, language)
    return page


def serve(request, path: str):
    route = find_route(request, path)
    if route is not None:
        # Wagtail's documented per-request cache of the route: serve() uses it as is.
        request._wagtail_route_for_request = route
    # Visitors' pages may be kept by pages.page_cache.PageCacheMiddleware (it decides).
    request.page_cache_store = True
    return wagtail_serve(request, path)
