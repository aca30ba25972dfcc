"""The clinic's working hours, time zone and holidays: the SLA clock counts working time only
(routing/sla.py). One setting for the whole clinic, edited by managers in Settings."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

TIME_ZONES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


@register_setting(icon="time")
class ClinicHours(ClusterableModel, BaseGenericSetting):
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONES, default=settings.TIME_ZONE
    )

    panels = [
        FieldPanel("time_zone"),
        InlinePanel("periods", heading=_("Working hours"), label=_("Working hours")),
        InlinePanel("holidays", heading=_("Holidays"), label=_("Holiday")),
    ]

    class Meta:
        verbose_name = _("clinic hours")
        verbose_name_plural = _("clinic hours")

    def __str__(self):
        return str(self._meta.verbose_name)


class AbstractWorkingPeriod(Orderable):
    """Hours on one weekday; a day may have several (a lunch break between)."""

    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("working hours")

    def clean(self):
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class WorkingPeriod(AbstractWorkingPeriod):
    clinic_hours = ParentalKey(ClinicHours, on_delete=models.CASCADE, related_name="periods")

    class Meta(AbstractWorkingPeriod.Meta):
        verbose_name = _("working hours")


class Holiday(Orderable):
    clinic_hours = ParentalKey(ClinicHours, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("holiday")
