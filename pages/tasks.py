"""Celery tasks of the pages app: thin wrappers around pages/translation/jobs.py and
Wagtail's own commands."""

from celery import shared_task
from django.core.management import call_command

from .translation import jobs


@shared_task(acks_late=True)
def run_translation_jobs(job_ids: list[int]) -> None:
    for job_id in job_ids:
        jobs.run_job(job_id)


@shared_task
def requeue_translation_jobs() -> int:
    return jobs.requeue_stalled()


@shared_task
def publish_scheduled() -> None:
    """Wagtail's scheduled publishing, run by beat every minute: what editors scheduled to go
    live is published, and what passed its expiry unpublished (which purges the page cache).
    Wagtail's admin offers the schedule but leaves running its command to the site."""
    call_command("publish_scheduled")
