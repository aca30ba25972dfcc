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
deleted) starts a new cache version: the next visit to each page renders it again. Pages are
published a few times a day and read thousands of times an hour, so this costs one render
per page and language after each change. wagtail-cache does the same on publish, but it does
not cache pages whose responses use a CSRF token, which is every page with the enquiry form.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "pages:page-cache-version"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"__csrf_token__"
# Query parameters that change nothing on the page: the copy without them serves.
CAMPAIGN_PARAMETERS = {"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"}
CAMPAIGN_PARAMETERS |= {"gclid", "fbclid", "msclkid"}
KEPT_HEADERS = ["Content-Type", "Content-Language", "Link", "X-Robots-Tag"]


def applies_to(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and set(request.GET) <= CAMPAIGN_PARAMETERS
        # Staff (the Wagtail userbar, previews) and visitors with state of their own.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request, version: int) -> str:
    return f"pages:page:{version}:{request.get_host()}:{request.path}"


def _version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None) or 1


def cached_response(request) -> HttpResponse | None:
    stored = cache.get(_key(request, _version()))
    if stored is None:
        return None
    content, headers = stored
    token = get_token(request).encode()  # also sets this visitor's CSRF cookie
    response = HttpResponse(content.replace(CSRF_PLACEHOLDER, token), headers=headers)
    response["X-Page-Cache"] = "hit"
    return response


def store(request, response) -> None:
    if (
        response.status_code != 200
        or response.streaming
        or not response.get("Content-Type", "").startswith("text/html")
        or response.cookies
        or "private" in response.get("Cache-Control", "")
        or "no-cache" in response.get("Cache-Control", "")
    ):
        return
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    cache.set(_key(request, _version()), (content, headers), settings.PAGE_CACHE_SECONDS)
    response["X-Page-Cache"] = "miss"


def purge() -> None:
    """A new version: every page renders again on its next visit (old copies expire)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: nothing is cached under one
        cache.set(VERSION_KEY, 2, None)


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
    "wagtailcore.PageViewRestriction",
}


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
