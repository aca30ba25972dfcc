"""Page URLs from url_path rows, without loading page objects.

Wagtail's Page.get_url_parts() needs a page instance and reverses a URL pattern per call;
listings and hreflang links only have rows (`values()`), so this computes the same URL from
Wagtail's cached site root paths: /<language>/<path below the language's home page>/.
"""

from wagtail.models import Site


class PageUrls:
    def __init__(self):
        self.roots = Site.get_site_root_paths()

    def __call__(self, url_path: str, language_code: str) -> tuple[str, str | None]:
        """(root URL of the site, path of the page), or ("", None) if it is not routable."""
        for root in self.roots:
            if root.language_code == language_code and url_path.startswith(root.root_path):
                return root.root_url, f"/{language_code}/{url_path[len(root.root_path) :]}"
        return "", None
