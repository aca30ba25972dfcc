"""Page URLs from url_path rows, without loading page objects.

Wagtail's Page.get_url_parts() needs a page instance and reverses a URL pattern per call;
listings and hreflang links only have rows (`values()`), so this computes the same URL from
Wagtail's cached site root paths: /<language>/<path below the language's home page>/.
"""

from wagtail.models import Site

# Where Wagtail's Page.get_url() keeps the root paths it read, on the request or the page.
KEPT_ON = "_wagtail_cached_site_root_paths"


def site_root_paths(cache_object=None) -> list:
    """Wagtail's site root paths, read from the cache at most once per `cache_object` (a
    request or a page), as Page.get_url() does: each read is a cache round trip."""
    if cache_object is None:
        return Site.get_site_root_paths()
    roots = getattr(cache_object, KEPT_ON, None)
    if roots is None:
        roots = Site.get_site_root_paths()
        setattr(cache_object, KEPT_ON, roots)
    return roots


class PageUrls:
    def __init__(self, roots=None):
        self.roots = Site.get_site_root_paths() if roots is None else roots

    def __call__(self, url_path: str, language_code: str) -> tuple[str, str | None]:
        """(root URL of the site, path of the page), or ("", None) if it is not routable."""
        for root in self.roots:
            if root.language_code == language_code and url_path.startswith(root.root_path):
                return root.root_url, f"/{language_code}/{url_path[len(root.root_path) :]}"
        return "", None
