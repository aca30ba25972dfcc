"""Content-Security-Policy (django-csp): strict on the visitors' pages, and what Wagtail's
admin needs on top of it under /admin/. Wagtail 8 still writes inline <script> tags to start
its widgets and injects <style> elements from its rich-text editor; it needs no 'unsafe-eval'
and no other site's scripts, styles, images or fonts.
tests/tourism_site/security/test_csp_browser.py checks this in a real browser: remove an
addition and it shows the violations."""

import functools

from csp.constants import HEADER, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

ADMIN_PREFIX = "/admin/"
ADMIN_ADDITIONS = {
    # Chooser and date widgets start with inline <script>new ImageChooser(…)</script> tags.
    "script-src": [UNSAFE_INLINE],
    # The rich-text editor (Draftail) adds <style> elements (placeholder, list numbering).
    "style-src": [UNSAFE_INLINE],
}


@functools.cache
def site_policy(for_admin: bool) -> str:
    """The header for the visitors' pages or the admin, from the settings (read once)."""
    return build_policy(update=ADMIN_ADDITIONS if for_admin else None)


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.update = ADMIN_ADDITIONS | parts.update if parts.update else ADMIN_ADDITIONS
        return parts

    def process_response(self, request, response):
        """django-csp builds the header from the settings on every response, a tenth of the
        CPU of a page served from the cache. Without a nonce, a per-view policy or the
        optional settings, the header is one of two strings, built once per process."""
        parts = self.get_policy_parts(request, response)
        if (
            settings.DEBUG
            or parts.nonce is not None
            or parts.config is not None
            or parts.replace is not None
            or (parts.update is not None and parts.update is not ADMIN_ADDITIONS)
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
        ):
            return super().process_response(request, response)
        if HEADER not in response and not getattr(response, "_csp_exempt", False):
            response[HEADER] = site_policy(for_admin=parts.update is ADMIN_ADDITIONS)
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
