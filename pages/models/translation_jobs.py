"""Translation work done on the workers (wagtail-localize's background jobs, machine
translation of many pages): a row per job, written before the job is queued, so a job is
never lost with a broker message and editors can watch its progress."""

from django.conf import settings
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TranslationJob(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("job"), max_length=255)
    # What the worker calls: a function's dotted path and its arguments, with model
    # instances written as references (pages/translation/jobs.py).
    function = models.CharField(max_length=255)
    arguments = models.JSONField(default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    total = models.PositiveIntegerField(_("steps"), default=1)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    failed = models.PositiveIntegerField(_("steps failed"), default=0)
    error = models.TextField(_("problems"), blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("translation job")
        verbose_name_plural = _("translation jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def percent(self) -> int:
        return (
            round(100 * min(self.done + self.failed, self.total) / self.total)
            if self.total
            else 100
        )

    def advance(self, failure: str = "") -> None:
        """One step finished (or failed, with what went wrong): visible at once in the admin."""
        if failure:
            TranslationJob.objects.filter(pk=self.pk).update(
                failed=F("failed") + 1, error=Concat("error", Value(failure + "\n"))
            )
        else:
            TranslationJob.objects.filter(pk=self.pk).update(done=F("done") + 1)
