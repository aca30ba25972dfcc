"""Translation work as jobs: wagtail-localize's background jobs and machine translation of
many pages are rows queued after commit, claimed once, with their progress and failures.
These run the jobs in this process; test_translation_jobs_on_workers.py on a real worker."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization, Translation
from wagtail_localize.operations import translate_object
from wagtail_localize.tasks import background

from pages.models import StandardPage, TranslationJob, TreatmentPage
from pages.translation import jobs
from pages.translation.machine import translate_pages_to_drafts

from ..conftest import SITE_LANGUAGES
from .helpers import english

pytestmark = pytest.mark.django_db

CALLS = []


def record_call(page, locales, note="", job=None):
    """A job function for these tests: what the worker was given."""
    CALLS.append((page, locales, note, job))


def fail_always(page):
    raise RuntimeError(f"cannot do {page.title}")


@pytest.fixture
def dummy_translator(settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "pages.translation.machine.KeptTermsTranslator",
        "OPTIONS": {"ENGINE": "dummy"},
    }


@pytest.fixture
def travel_section():
    """A new English page with a child, translated into German but not its child."""
    home = english(model=StandardPage, slug="about").get_parent()
    parent = StandardPage(title="Travel", slug="travel")
    home.add_child(instance=parent)
    parent.save_revision().publish()
    child = StandardPage(
        title="Visas",
        slug="visas",
        body=[{"type": "paragraph", "value": "<p>Most visitors get an e-visa online.</p>"}],
    )
    parent.add_child(instance=child)
    child.save_revision().publish()
    return parent, child


def test_arguments_are_stored_as_references_to_rows():
    page = english()
    locales = list(Locale.objects.filter(language_code__in=["de", "ar"]))

    stored = jobs.encode([page, locales, "note", 3, None])

    assert stored[0] == {"model": "pages.TreatmentPage", "pk": page.pk}
    assert jobs.decode(stored) == [page, locales, "note", 3, None]
    with pytest.raises(jobs.CannotStore):
        jobs.encode(object())


def test_a_job_is_a_row_queued_after_commit_and_runs_once(django_capture_on_commit_callbacks):
    CALLS.clear()
    page = english()
    german = Locale.objects.get(language_code="de")
    with django_capture_on_commit_callbacks() as callbacks:
        job = jobs.queue_job(record_call, [page, [german]], {"note": "hi"}, title="Test job")

    assert len(callbacks) == 1  # queued only once the request's transaction commits
    assert job.state == TranslationJob.State.QUEUED
    jobs.run_job(job.pk)
    jobs.run_job(job.pk)  # delivered twice: claimed once

    assert len(CALLS) == 1
    called_page, called_locales, note, given_job = CALLS[0]
    assert (called_page, called_locales, note) == (page, [german], "hi")
    assert given_job.pk == job.pk
    job.refresh_from_db()
    assert job.state == TranslationJob.State.DONE and job.attempts == 1
    assert job.started_at and job.finished_at


def test_a_failing_job_says_what_went_wrong():
    job = jobs.queue_job(fail_always, [english()], title="Failing job")

    jobs.run_job(job.pk)

    job.refresh_from_db()
    assert job.state == TranslationJob.State.FAILED
    assert "RuntimeError: cannot do Botox" in job.error


def test_lost_jobs_are_found_again_and_given_up_after_three_attempts():
    old = timezone.now() - datetime.timedelta(hours=2)
    queued = jobs.queue_job(record_call, [english(), []], title="Lost message")
    fresh = jobs.queue_job(record_call, [english(), []], title="Just queued")
    running = jobs.queue_job(record_call, [english(), []], title="Worker killed")
    TranslationJob.objects.filter(pk=queued.pk).update(created_at=old)
    TranslationJob.objects.filter(pk=running.pk).update(
        state=TranslationJob.State.RUNNING, started_at=old, attempts=jobs.MAX_ATTEMPTS
    )

    assert set(jobs.stalled_job_ids()) == {queued.pk, running.pk}
    assert fresh.pk not in jobs.stalled_job_ids()
    jobs.run_job(running.pk)  # its fourth attempt

    running.refresh_from_db()
    assert running.state == TranslationJob.State.FAILED
    assert "3 attempts" in running.error


def test_wagtail_localize_translates_a_subtree_as_a_job(travel_section, admin_user):
    parent, child = travel_section
    german = Locale.objects.get(language_code="de")
    translate_object(parent, [german])

    with translation.override("en"):  # the title is written in the requester's language
        background.enqueue(
            translate_page_subtree_job(), [parent.pk, [german], None, admin_user], {}
        )

    job = TranslationJob.objects.get()
    assert job.requested_by == admin_user
    assert "Travel" in job.title and "German" in job.title
    assert not child.get_translations().filter(locale=german).exists()  # not in the request
    jobs.run_job(job.pk)
    translated = child.get_translation(german)
    assert not translated.live  # a draft for the translator


def translate_page_subtree_job():
    from wagtail_localize.operations import translate_page_subtree

    return translate_page_subtree


def test_a_new_locale_synchronised_from_english_starts_with_drafts(dummy_translator):
    spanish = Locale.objects.create(language_code="es")
    LocaleSynchronization.objects.create(
        locale=spanish, sync_from=Locale.objects.get(language_code="en")
    )
    job = TranslationJob.objects.get()
    jobs.run_job(job.pk)

    copies = Page.objects.filter(locale=spanish)
    english_pages = Page.objects.filter(locale__language_code="en", depth__gt=1)
    assert copies.count() == english_pages.count()
    assert not copies.filter(live=True).exists()  # before the fix: English pages, live
    botox = english()
    botox.save_revision().publish()  # Wagtail publishes aliases with their source
    assert not copies.filter(live=True).exists()

    # Machine translation turns the copy into a Spanish draft; it stays unpublished.
    translate_pages_to_drafts([botox.get_parent(), botox], [spanish])
    spanish_botox = TreatmentPage.objects.get(locale=spanish, translation_key=botox.translation_key)
    assert spanish_botox.alias_of_id is None and not spanish_botox.live
    draft = spanish_botox.get_latest_revision_as_object()
    assert draft.summary != botox.summary  # machine output (the dummy engine reverses words)


def test_machine_translation_job_from_the_admin(
    client, editor, dummy_translator, travel_section, django_capture_on_commit_callbacks
):
    parent, child = travel_section
    client.force_login(editor)
    url = reverse("machine_translate_page", args=[parent.pk])

    form = client.get(url)
    assert form.status_code == 200
    # The admin's own header: breadcrumbs back to the page, the title beside them.
    breadcrumbs = form.context["breadcrumbs_items"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[parent.pk])
    assert [item["url"] for item in breadcrumbs[-2:]] == [edit_url, ""]
    assert f"Machine-translate “{parent.title}”" in form.content.decode()
    assert b"w-breadcrumbs" in form.content
    checked = form.context["form"]["locales"].initial
    assert sorted(locale.language_code for locale in checked) == sorted(SITE_LANGUAGES[1:])
    with django_capture_on_commit_callbacks():
        response = client.post(
            url,
            {"locales": [locale.pk for locale in checked], "include_subtree": "on"},
        )
    assert response.status_code == 302
    assert response.url == reverse("translation_jobs:index")
    job = TranslationJob.objects.get()
    assert (job.total, job.requested_by) == (2 * 7, editor)

    jobs.run_job(job.pk)

    job.refresh_from_db()
    assert (job.state, job.done, job.failed) == (TranslationJob.State.DONE, 14, 0)
    for page in (parent, child):
        translations = page.get_translations()
        assert translations.count() == 7
        assert not translations.filter(live=True).exists()
    assert Translation.objects.filter(source__object_id=child.translation_key).count() == 7
    listing = client.get(reverse("translation_jobs:index"))
    assert listing.status_code == 200
    assert b"14 of 14" in listing.content


def test_a_step_that_fails_is_counted_and_the_others_go_on(dummy_translator, travel_section):
    parent, _child = travel_section
    languages = [Locale.objects.get(language_code=code) for code in ("en", "de")]
    # Into its own language: wagtail-localize makes no translation, so the step fails.
    job = jobs.queue_job(
        translate_pages_to_drafts, [[parent], languages], title="Two steps", total=2
    )

    jobs.run_job(job.pk)

    job.refresh_from_db()
    assert (job.done, job.failed) == (1, 1)
    assert job.state == TranslationJob.State.DONE
    assert "Travel (English)" in job.error
    assert parent.get_translations().filter(locale=languages[1]).exists()


def test_machine_translation_is_for_translators_only(client, dummy_translator, travel_section):
    parent, _child = travel_section
    client.force_login(User.objects.create_user("no-rights", password="pw", is_staff=True))

    response = client.get(reverse("machine_translate_page", args=[parent.pk]))

    assert response.status_code in (302, 403)
    assert not TranslationJob.objects.exists()


def test_without_an_engine_there_is_no_machine_translation(client, editor, travel_section):
    client.force_login(editor)
    parent, _child = travel_section

    response = client.get(reverse("machine_translate_page", args=[parent.pk]), follow=True)
    assert response.status_code == 404
