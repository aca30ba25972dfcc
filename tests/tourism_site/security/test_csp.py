"""tourism_site/security/csp.py: the header django-csp would build, built once per process; anything
django-csp does per response (a view's own policy, a nonce) still goes through django-csp."""

import pytest
from csp.constants import HEADER
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from tourism_site.security import csp


def directives(header: str) -> dict[str, set[str]]:
    """A policy as directive -> sources: django-csp's order of directives varies per process."""
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: set(sources) for name, *sources in parts}


def respond(middleware_class, path: str, response=None):
    request = RequestFactory().get(path)
    middleware = middleware_class(lambda request: response or HttpResponse())
    middleware.process_request(request)
    return request, middleware.process_response(request, response or HttpResponse())


class AdminAdditions(CSPMiddleware):
    """django-csp itself, with the admin's additions the way a view would add them."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(csp.ADMIN_PREFIX):
            parts.update = csp.ADMIN_ADDITIONS
        return parts


@pytest.mark.parametrize("path", ["/en/treatments/botox/", "/admin/enquiries/"])
def test_the_header_is_the_one_django_csp_builds(path):
    _request, ours = respond(csp.SiteCSPMiddleware, path)
    _request, theirs = respond(AdminAdditions, path)

    assert directives(ours[HEADER]) == directives(theirs[HEADER])
    inline = "'unsafe-inline'" in directives(ours[HEADER])["script-src"]
    assert inline == path.startswith("/admin/")


def test_it_is_built_once_per_process():
    csp.site_policy.cache_clear()
    for _ in range(3):
        respond(csp.SiteCSPMiddleware, "/en/")

    assert csp.site_policy.cache_info().misses == 1
    assert csp.site_policy.cache_info().hits == 2


def test_a_views_own_policy_still_applies():
    response = HttpResponse()
    response._csp_update = {"img-src": ["https://maps.example.com"]}

    _request, response = respond(csp.SiteCSPMiddleware, "/admin/", response)

    policy = directives(response[HEADER])
    assert "https://maps.example.com" in policy["img-src"]
    assert "'unsafe-inline'" in policy["script-src"]


def test_a_views_own_policy_on_a_visitors_page_applies_even_when_it_equals_the_admins():
    response = HttpResponse()
    response._csp_update = dict(csp.ADMIN_ADDITIONS)

    _request, response = respond(csp.SiteCSPMiddleware, "/en/", response)

    assert "'unsafe-inline'" in directives(response[HEADER])["script-src"]


def test_a_nonce_asked_for_after_the_header_is_written_is_refused():
    request, _response = respond(csp.SiteCSPMiddleware, "/en/")

    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


def test_an_exempt_response_gets_no_header():
    response = HttpResponse()
    response._csp_exempt = True

    _request, response = respond(csp.SiteCSPMiddleware, "/en/", response)

    assert HEADER not in response
