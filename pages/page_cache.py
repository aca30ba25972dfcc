"""The visitors' pages from the cache (Redis in production), one copy per host and path (the
path carries the language), shared by every anonymous visitor.

Per-visitor parts: the enquiry form's CSRF token is taken out of the stored copy and each
visitor's own is put in when it is served (so Django's CSRF cookie is set for them as for a
rendered page). Logged-in staff, visitors with a session or a pending message, query strings
other than campaign tags, and anything but a plain 200 HTML answer are never served from, or
stored in, the cache.

Purging: every page shows the menus and the language switcher, and treatment pages show
their practitioners, clinic, contacts and related treatments, so a publication can change
many pages in several languages. Rather than track who lists whom, any change that can show
on a page (a page published, unpublished, moved or deleted; a snippet or image saved or
deleted; a password or login restriction put on a page or taken off) starts a new cache
version when it is committed: the next visit to each page renders it again. Pages are
published a few times a day and read thousands of times an hour, so this costs one render
per page and language after each change. wagtail-cache does the same on publish, but it does
not cache pages whose responses use a CSRF token, which is every page with the enquiry form.
"""

import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "pages:page-cache-version"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"__csrf_token__"
# Query parameters that change nothing on the page: the copy without them serves.
CAMPAIGN_PARAMETERS = {"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"}
CAMPAIGN_PARAMETERS |= {"gclid", "fbclid", "msclkid"}
# Kept with the copy, among them those of the middleware a hit skips (sessions, locale,
# framing); the security and CSP middleware above this one add theirs again.
KEPT_HEADERS = ["Content-Type", "Content-Language", "Vary", "X-Frame-Options", "Link"]
KEPT_HEADERS += ["X-Robots-Tag"]


class PageCacheMiddleware:
    """Serves a stored page before the rest of the middleware and the URL resolver run: a
    campaign's visitors cost one cache read each. Placed after WhiteNoise, before sessions.

    What the skipped middleware would do for an anonymous visitor without a session it
    does itself: the CSRF cookie through Django's own CSRF middleware, the headers from the
    stored copy. Pages are stored on the way out when `pages.serving.serve` marked them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if not applies_to(request):
            return self.get_response(request)
        version, stored = _lookup(request)
        if stored is not None:
            return self._serve(request, *stored)
        request.page_cache_version = version
        response = self.get_response(request)
        if getattr(request, "page_cache_store", False):
            store(request, response)
        return response

    def _serve(self, request, content: bytes, headers: dict) -> HttpResponse:
        self.csrf.process_request(request)  # reads the visitor's CSRF cookie, if any
        token = get_token(request).encode()
        response = HttpResponse(content.replace(CSRF_PLACEHOLDER, token), headers=headers)
        response["X-Page-Cache"] = "hit"
        return self.csrf.process_response(request, response)  # sets the cookie when new


def applies_to(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and set(request.GET) <= CAMPAIGN_PARAMETERS
        # Staff (the Wagtail userbar, previews) and visitors with state of their own.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request) -> str:
    return f"pages:page:{request.get_host()}:{request.path}"


def _lookup(request) -> tuple[int, tuple | None]:
    """The current version and the copy stored under it, in one round trip: each copy
    carries the version it was rendered under, and an older one counts as missing."""
    key = _key(request)
    found = cache.get_many([VERSION_KEY, key])
    if VERSION_KEY not in found:  # first use, or evicted: a version no stored copy has
        cache.add(VERSION_KEY, time.time_ns(), None)
        return cache.get(VERSION_KEY), None
    version = found[VERSION_KEY]
    stored = found.get(key)
    if stored is None or stored[0] != version:
        return version, None
    return version, stored[1:]


def store(request, response) -> None:
    if (
        response.status_code != 200
        or response.streaming
        or not response.get("Content-Type", "").startswith("text/html")
        or response.cookies.keys() - {settings.CSRF_COOKIE_NAME}
        or "private" in response.get("Cache-Control", "")
        or "no-cache" in response.get("Cache-Control", "")
    ):
        return
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    # Stored under the version read before rendering: a purge meanwhile makes it stale.
    entry = (request.page_cache_version, content, headers)
    cache.set(_key(request), entry, settings.PAGE_CACHE_SECONDS)
    response["X-Page-Cache"] = "miss"


def purge() -> None:
    """A new version once the change is committed: every page renders again on its next
    visit (old copies expire). Not before: a visit rendered meanwhile would read the page as
    it was and store that copy under the new version, to be served for PAGE_CACHE_SECONDS."""
    transaction.on_commit(_new_version)


def _new_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version: the next visit starts one no stored copy has
        pass


# What a visitor's page shows, besides pages: snippets, images, the site's settings.
SHOWN_APPS = {"pages", "wagtailimages", "wagtailcore"}
NOT_SHOWN = {
    "pages.ClinicRendition",  # made while pages render
    "pages.TranslationJob",
    "pages.KeptTerm",
    "wagtailcore.Revision",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.ReferenceIndex",
    "wagtailcore.TaskState",
    "wagtailcore.WorkflowState",
    "wagtailcore.PageSubscription",
}
# Not in NOT_SHOWN: a PageViewRestriction (a password or a login put on a page, or taken off)
# decides who may see the page, so it must purge like a publication.


@receiver([page_published, page_unpublished, post_page_move])
def _purge_for_page(sender, **kwargs):
    purge()


@receiver([post_save, post_delete])
def _purge_for_content(sender, **kwargs):
    from wagtail.models import Page

    label = sender._meta.label
    if sender._meta.app_label not in SHOWN_APPS or label in NOT_SHOWN:
        return
    # A page row is saved for every draft too: pages count when published (above) or deleted.
    if issubclass(sender, Page) and kwargs.get("signal") is post_save:
        return
    purge()
