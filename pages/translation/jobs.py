"""wagtail-localize's background jobs, and our own translation jobs, on the Celery workers.

wagtail-localize ships a Django RQ backend only; `CeleryJobBackend` is its equivalent here.
A job is a row first (`TranslationJob`: the function, its arguments, its progress), queued
after the transaction commits; a lost message or a killed worker leaves the row, which the
periodic sweep queues again. A worker claims a job with a conditional update, so a job that
is delivered twice runs once.

Arguments are stored as JSON: model instances as references to their rows (a job must see
the data as it is when it runs, and pickled objects on the broker would be code to trust).
"""

import datetime
import inspect
import logging

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail_localize.components import BaseComponentManager
from wagtail_localize.synctree import PageIndex
from wagtail_localize.tasks import BaseJobBackend

from tourism_site import dispatch

from ..models.translation_jobs import TranslationJob

logger = logging.getLogger(__name__)

RUN_TASK = "pages.tasks.run_translation_jobs"
# A queued job not started by then lost its message (a running one its worker: after
# settings.TRANSLATION_JOB_STALLED_SECONDS).
QUEUED_FOR = datetime.timedelta(minutes=5)
MAX_ATTEMPTS = 3


class CannotStore(TypeError):
    """An argument that can't be written as JSON nor as a reference to a row."""


def encode(value):
    if isinstance(value, models.Model):
        return {"model": value._meta.label, "pk": value.pk}
    if isinstance(value, PageIndex):
        return None  # a cache of the page tree: the job builds its own, as it is then
    if isinstance(value, BaseComponentManager):
        if value.components:
            raise CannotStore("translation components")
        return None
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise CannotStore(type(value).__name__)


def decode(value):
    if isinstance(value, dict):
        return apps.get_model(value["model"])._default_manager.get(pk=value["pk"])
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def queue_job(func, args=(), kwargs=None, *, title, total=1, user=None) -> TranslationJob:
    """Save the job and queue it once the current transaction commits."""
    kwargs = kwargs or {}
    job = TranslationJob.objects.create(
        title=str(title)[:255],
        function=f"{func.__module__}.{func.__qualname__}",
        arguments={"args": encode(list(args)), "kwargs": {k: encode(v) for k, v in kwargs.items()}},
        requested_by=user if getattr(user, "pk", None) else None,
        total=max(total, 1),
    )
    transaction.on_commit(lambda: dispatch.send_later(RUN_TASK, job.pk))
    return job


def _title(func, args) -> str:
    """What editors see of wagtail-localize's own jobs."""
    if func.__name__ == "translate_page_subtree":
        from wagtail.models import Page

        page = Page.objects.filter(pk=args[0]).first()
        return _("Translate the pages below “%(page)s” into %(languages)s") % {
            "page": page.title if page else args[0],
            "languages": ", ".join(str(locale.get_display_name()) for locale in args[1]),
        }
    if func.__name__ == "synchronize_tree":
        return _("Copy the %(source)s pages into %(target)s (as drafts)") % {
            "source": str(args[0].get_display_name()),
            "target": str(args[1].get_display_name()),
        }
    return func.__name__


class CeleryJobBackend(BaseJobBackend):
    """settings.WAGTAILLOCALIZE_JOBS["BACKEND"]."""

    def enqueue(self, func, args, kwargs):
        user = next((arg for arg in args if getattr(arg, "is_authenticated", False)), None)
        try:
            queue_job(func, args, kwargs, title=_title(func, args), user=user)
        except CannotStore as error:
            logger.warning("Running %s in the request: %s can't be queued", func.__name__, error)
            func(*args, **kwargs)


def running_for() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.TRANSLATION_JOB_STALLED_SECONDS)


def claim(job_id: int) -> TranslationJob | None:
    now = timezone.now()
    claimed = (
        TranslationJob.objects.filter(pk=job_id)
        .filter(
            Q(state=TranslationJob.State.QUEUED)
            | Q(state=TranslationJob.State.RUNNING, started_at__lt=now - running_for())
        )
        .update(
            state=TranslationJob.State.RUNNING,
            started_at=now,
            attempts=F("attempts") + 1,
            done=0,
            failed=0,
            error="",
        )
    )
    return TranslationJob.objects.get(pk=job_id) if claimed else None


def run_job(job_id: int) -> None:
    job = claim(job_id)
    if job is None:
        return  # done, or running elsewhere
    if job.attempts > MAX_ATTEMPTS:
        _finish(
            job,
            TranslationJob.State.FAILED,
            _("Stopped after %(n)d attempts.") % {"n": MAX_ATTEMPTS},
        )
        return
    try:
        func = import_string(job.function)
        args = decode(job.arguments["args"])
        kwargs = {name: decode(value) for name, value in job.arguments["kwargs"].items()}
        if "job" in inspect.signature(func).parameters:
            kwargs["job"] = job  # our own jobs report their progress
        func(*args, **kwargs)
    except Exception as error:
        logger.exception("Translation job %s failed", job.pk)
        _finish(job, TranslationJob.State.FAILED, f"{type(error).__name__}: {error}")
    else:
        job.refresh_from_db(fields=["done", "failed"])
        state = (
            TranslationJob.State.FAILED
            if job.failed and not job.done
            else TranslationJob.State.DONE
        )
        _finish(job, state)


def _finish(job: TranslationJob, state, error: str = "") -> None:
    updates = {"state": state, "finished_at": timezone.now()}
    if error:
        updates["error"] = error
    TranslationJob.objects.filter(pk=job.pk).update(**updates)


def stalled_job_ids() -> list[int]:
    """Jobs whose message or worker was lost."""
    now = timezone.now()
    return list(
        TranslationJob.objects.filter(
            Q(state=TranslationJob.State.QUEUED, created_at__lt=now - QUEUED_FOR)
            | Q(state=TranslationJob.State.RUNNING, started_at__lt=now - running_for())
        ).values_list("pk", flat=True)
    )


def requeue_stalled() -> int:
    ids = stalled_job_ids()
    dispatch.send_in_batches(RUN_TASK, ids)
    return len(ids)
