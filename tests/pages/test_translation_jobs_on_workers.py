"""Machine translation queued from the admin runs on a real Celery worker (PostgreSQL, Redis,
a worker process with the dummy engine), and writes a draft in each of the seven languages;
a job whose worker is killed while it runs is run again by the sweep, once."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslatableObject

from pages.models import StandardPage, TranslationJob
from pages.permissions import EDITORS_GROUP
from pages.translation.jobs import queue_job
from tests.enquiries.real_services import (
    celery_workers,
    kill_outright,
    require_real_services,
    unique_queue,
    wait_until,
)
from tourism_site import dispatch
from tourism_site.celery import app as celery_app

from ..conftest import SITE_LANGUAGES
from .helpers import english
from .jobs_for_faults import slow_the_first_time

SENTENCE = "Bring your medical reports to Anatolia Care."


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    require_real_services()
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def queue():
    name = unique_queue()
    celery_app.conf.task_default_queue = name
    yield name
    celery_app.conf.task_default_queue = "celery"


@pytest.fixture
def new_page(committed):
    home = english(model=StandardPage, slug="about").get_parent()
    page = StandardPage(
        title="Travel tips",
        slug="travel-tips-on-workers",
        body=[{"type": "paragraph", "value": f"<p>{SENTENCE}</p>"}],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    yield page
    for translation in page.get_translations():
        translation.delete()
    page.delete()
    TranslatableObject.objects.filter(translation_key=page.translation_key).delete()
    TranslationJob.objects.all().delete()


@pytest.fixture
def editor_login(committed, client):
    User = get_user_model()
    user = User.objects.create_user("worker-test-editor", password="pw")
    user.groups.add(user.groups.model.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    yield user
    user.delete()


def test_machine_translation_runs_on_a_worker_into_seven_drafts(
    settings, queue, new_page, editor_login, client
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "pages.translation.machine.KeptTermsTranslator",
        "OPTIONS": {"ENGINE": "dummy"},
    }
    locales = Locale.objects.exclude(language_code="en")

    with celery_workers(1, queue, MACHINE_TRANSLATOR="dummy"):
        response = client.post(
            reverse("machine_translate_page", args=[new_page.pk]),
            {"locales": [locale.pk for locale in locales]},
        )
        assert response.status_code == 302
        dispatch.flush()
        job = wait_until(
            lambda: TranslationJob.objects.filter(state=TranslationJob.State.DONE).first()
        )

    assert (job.total, job.done, job.failed) == (7, 7, 0)
    assert job.attempts == 1
    translations = new_page.get_translations().specific()
    assert sorted(page.locale.language_code for page in translations) == sorted(SITE_LANGUAGES[1:])
    for page in translations:
        assert not page.live  # drafts for review
        body = page.get_latest_revision_as_object().body.raw_data[0]["value"]
        # The dummy engine reversed the words, but not the kept term.
        assert "Anatolia Care" in body and body != f"<p>{SENTENCE}</p>", page.locale


def test_a_job_whose_worker_is_killed_is_run_again_by_the_sweep(committed, queue, tmp_path):
    record = tmp_path / "runs"
    # The workers count a job running for 3 s as stalled (in production: an hour).
    stalled_after = {"TRANSLATION_JOB_STALLED_SECONDS": "3"}
    job = queue_job(slow_the_first_time, [str(record)], title="Slow job")
    try:
        with celery_workers(1, queue, concurrency=1, **stalled_after) as [worker]:
            dispatch.flush()
            wait_until(record.exists, timeout=60)
            kill_outright(worker)  # as an out-of-memory kill would, in the middle of the job
        job.refresh_from_db()
        assert (job.state, job.attempts) == (TranslationJob.State.RUNNING, 1)

        with celery_workers(1, queue, concurrency=1, **stalled_after):
            time.sleep(3.5)
            # What beat runs every minute, on the new worker.
            celery_app.send_task("pages.tasks.requeue_translation_jobs", queue=queue)
            done = wait_until(
                lambda: TranslationJob.objects.filter(
                    pk=job.pk, state=TranslationJob.State.DONE
                ).first(),
                timeout=60,
            )
            # A second sweep finds nothing left to run.
            celery_app.send_task("pages.tasks.requeue_translation_jobs", queue=queue)
            time.sleep(1)

        assert done.attempts == 2
        assert record.read_text() == "run\nrun\n"  # killed once, then run to the end once
    finally:
        TranslationJob.objects.filter(pk=job.pk).delete()
