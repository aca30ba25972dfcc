"""Settings editors keep one row of per language, read on every page view, so cached."""

from functools import partial

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from tourism_site import process_cache


class PerLanguage(models.Model):
    locale = models.OneToOneField(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )

    cache_key: str  # each subclass names its own

    class Meta:
        abstract = True

    def __str__(self):
        return str(self.locale)

    @classmethod
    def by_language(cls) -> dict:
        """{language code: row}, cached until a row is saved or deleted."""
        rows = process_cache.get(cls.cache_key)
        if rows is None:
            rows = {row.locale.language_code: row for row in cls.objects.select_related("locale")}
            process_cache.set(cls.cache_key, rows)
        return rows


@receiver([post_save, post_delete])
def _forget(sender, **kwargs):
    if issubclass(sender, PerLanguage):
        # Once committed: a request meanwhile would cache the old rows again, for good.
        transaction.on_commit(partial(process_cache.forget, sender.cache_key))
