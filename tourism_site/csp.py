"""Content-Security-Policy (django-csp): strict on the visitors' pages, and what Wagtail's
admin needs on top of it under /admin/. Wagtail 8 still writes inline <script> tags to start
its widgets and injects <style> elements from its rich-text editor; it needs no 'unsafe-eval'
and no other site's scripts, styles, images or fonts. tests/tourism_site/test_csp_browser.py
checks this in a real browser: remove an addition and it shows the violations."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"
ADMIN_ADDITIONS = {
    # Chooser and date widgets start with inline <script>new ImageChooser(…)</script> tags.
    "script-src": [UNSAFE_INLINE],
    # The rich-text editor (Draftail) adds <style> elements (placeholder, list numbering).
    "style-src": [UNSAFE_INLINE],
}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.update = ADMIN_ADDITIONS | (parts.update or {})
        return parts
