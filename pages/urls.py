"""Page URLs from url_path rows, without loading page objects.

Wagtail's Page.get_url_parts() needs a page instance and reverses a URL pattern per call;
listings and hreflang links only have rows (`values()`), so this computes the same URL from
Wagtail's cached site root paths: /<language>/<path below the language's home page>/.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site

from tourism_site import process_cache

# Where Wagtail's Page.get_url() keeps the root paths it read, on the request or the page.
KEPT_ON = "_wagtail_cached_site_root_paths"


def site_root_paths(cache_object=None) -> list:
    """Wagtail's site root paths, kept by the process between requests (each read from the
    cache is a round trip and an unpickling), and on `cache_object` (a request or a page),
    where Page.get_url() looks for them."""
    roots = getattr(cache_object, KEPT_ON, None)
    if roots is None:
        roots = process_cache.kept("wagtail:site-root-paths", Site.get_site_root_paths)
        if cache_object is not None:
            setattr(cache_object, KEPT_ON, roots)
    return roots


@receiver([post_save, post_delete])
def _site_roots_changed(sender, instance, **kwargs):
    # When Wagtail forgets its copy (a site saved, a site's root page or its translation
    # saved: the home pages, at depth 2 here), and when a language is added or removed.
    if sender in (Site, Locale) or (isinstance(instance, Page) and instance.depth == 2):
        transaction.on_commit(process_cache.changed)


class PageUrls:
    def __init__(self, roots=None):
        self.roots = site_root_paths() if roots is None else roots

    def __call__(self, url_path: str, language_code: str) -> tuple[str, str | None]:
        """(root URL of the site, path of the page), or ("", None) if it is not routable."""
        for root in self.roots:
            if root.language_code == language_code and url_path.startswith(root.root_path):
                return root.root_url, f"/{language_code}/{url_path[len(root.root_path) :]}"
        return "", None
