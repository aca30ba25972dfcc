"""Words a machine translator must leave as they are: brand names (Botox), medical terms the
clinic writes in one form everywhere, the clinic's name. Editors keep the list."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeptTerm(models.Model):
    term = models.CharField(
        _("term"),
        max_length=100,
        unique=True,
        help_text=_("Written exactly as it must appear in every language, e.g. Botox."),
    )

    class Meta:
        verbose_name = _("term kept as it is")
        verbose_name_plural = _("terms kept as they are")
        ordering = ["term"]

    def __str__(self):
        return self.term
