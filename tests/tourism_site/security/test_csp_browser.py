"""The Content-Security-Policy, in a real browser against a real server: the visitors' pages
and the Wagtail admin (with tourism_site/security/csp.py's additions) run without a single
violation.

Needs PostgreSQL, Redis (the server is another process: what it shows is committed) and
Debian's chromium.
"""

import pprint

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.urls import reverse

from enquiries.models import EmailTemplate, Enquiry, OutgoingEmail
from pages.models import ContactPage, HomePage, TreatmentPage
from tests.browser import CSPWatch, chromium, serve_files
from tests.enquiries.factories import make_patient_email
from tests.enquiries.real_services import require_real_services, web_server

USERNAME = "csp-admin"
PASSWORD = "csp-admin-password-1"


def path_of(page) -> str:
    return page.get_url_parts()[2]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The server, a browser, and the URLs to visit; a superuser and one enquiry with an email
    (so that the listings have rows), committed and removed afterwards."""
    require_real_services()
    with django_db_blocker.unblock():
        botox = TreatmentPage.objects.get(locale__language_code="en", slug="botox")
        botox_in = {
            translation.locale.language_code: path_of(translation)
            for translation in TreatmentPage.objects.filter(translation_key=botox.translation_key)
        }
        public = [
            "/en/",
            "/ar/",
            botox_in["de"],
            botox_in["fa"],
            path_of(ContactPage.objects.get(locale__language_code="en")),
            "/en/no-such-page/",
        ]
        home = HomePage.objects.get(locale__language_code="en")
        user = get_user_model().objects.create_superuser(
            USERNAME, f"{USERNAME}@example.com", PASSWORD
        )
        email = make_patient_email()
    admin = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[home.pk]),
        reverse("wagtailimages:index"),
        reverse("enquiries_admin:index"),
        reverse("enquiries_admin:detail", args=[email.enquiry_id]),
        reverse("enquiry_outbox:index"),
        reverse(EmailTemplate.snippet_viewset.get_url_name("list")),
        reverse("wagtailadmin_pages:edit", args=[botox.pk]),  # last: the chooser is opened there
    ]
    try:
        # Threads: a browser holds connections open (and opens spare ones) that would keep a
        # single sync worker waiting, and the other requests with it.
        with web_server(GUNICORN_CMD_ARGS="--threads 4") as base, chromium() as browser:
            yield base, browser, {"public": public, "admin": admin}
    finally:
        with django_db_blocker.unblock():
            OutgoingEmail.objects.filter(pk=email.pk).delete()
            Enquiry.objects.filter(pk=email.enquiry_id).delete()
            for session in Session.objects.all():  # the browser's admin sign-in
                if session.get_decoded().get("_auth_user_id") == str(user.pk):
                    session.delete()
            user.delete()
            AccessLog.objects.filter(username=USERNAME).delete()
            AccessAttempt.objects.filter(username=USERNAME).delete()


@pytest.fixture
def page(site):
    base, browser, _urls = site
    context = browser.new_context(locale="en-GB")
    serve_files(context, base)
    yield context.new_page()
    context.close()


def visit(watch: CSPWatch, url: str, seen: dict) -> str:
    """Open url and note its violations (a page sent without a policy is one); its policy."""
    violations = watch.open(url)
    policy = watch.response.headers.get("content-security-policy", "")
    if not policy:
        violations.append({"problem": "no Content-Security-Policy header"})
    if violations:
        seen[url] = violations
    return policy


def test_the_collector_sees_what_the_policy_refuses(site, page):
    """A real page (the server's own response and header) with an inline script and an
    inline style slipped in: both must be reported, or the tests below prove nothing."""
    base, _browser, _urls = site

    def with_inline_code(route):
        response = route.fetch()
        body = response.text().replace(
            "</body>",
            '<script>document.title = "ran";</script><p style="color: red">x</p></body>',
        )
        route.fulfill(response=response, body=body)

    page.route(base + "/en/", with_inline_code)
    violations = CSPWatch(page).open(base + "/en/")

    assert page.title() != "ran"
    directives = {v.get("violatedDirective") for v in violations}
    assert {"script-src-elem", "style-src-attr"} <= directives, violations
    assert any("console" in v for v in violations), violations


def test_the_visitors_pages_keep_to_the_policy(site, page):
    base, _browser, urls = site
    watch = CSPWatch(page)
    seen = {}
    statuses = []
    for url in urls["public"]:
        policy = visit(watch, base + url, seen)
        statuses.append(watch.response.status)
        # The admin's additions stay in the admin.
        assert "unsafe-inline" not in policy and "releases.wagtail.org" not in policy, url

    assert statuses == [200] * (len(urls["public"]) - 1) + [404]
    assert not seen, pprint.pformat(seen, width=100)


def test_the_admin_keeps_to_its_policy(site, page):
    base, _browser, urls = site
    watch = CSPWatch(page)
    seen = {}

    # Signing in through the real form (its page is under the policy too).
    visit(watch, base + reverse("wagtailadmin_login"), seen)
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + reverse("wagtailadmin_home"))
    if violations := watch.collect():
        seen["signing in"] = violations

    for url in urls["admin"]:
        visit(watch, base + url, seen)
        assert watch.response.status == 200, url

    # In the editor (the last page), a new gallery photo and its image chooser: Wagtail's
    # modals bring their markup and scripts in on demand. Choosing an image runs the rest.
    page.click("#id_gallery_items-ADD")
    chooser = page.locator("[id^=id_gallery_items-][id$=-before_image-chooser]").last
    chooser.locator(".unchosen button").click()
    page.locator(".modal-dialog [data-chooser-modal-choice]").first.click()
    page.locator(".modal-dialog").wait_for(state="hidden")
    assert chooser.locator("[data-chooser-title]").inner_text().strip()
    if violations := watch.collect():
        seen["image chooser"] = violations

    assert not seen, pprint.pformat(seen, width=100)
