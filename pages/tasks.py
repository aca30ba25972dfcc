"""Celery tasks of the pages app: thin wrappers around pages/translation/jobs.py."""

from celery import shared_task

from .translation import jobs


@shared_task(acks_late=True)
def run_translation_jobs(job_ids: list[int]) -> None:
    for job_id in job_ids:
        jobs.run_job(job_id)


@shared_task
def requeue_translation_jobs() -> int:
    return jobs.requeue_stalled()
