from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from pages.models import TreatmentCategory
from tourism_site.languages import ChoiceListField, LanguageListField

from .clinic_hours import AbstractWorkingPeriod

# The patient team's two roles, as Django groups (made after migrate: admin/permissions.py).
COORDINATORS_GROUP = "Coordinators"
MANAGERS_GROUP = "Enquiry managers"


class CoordinatorQuerySet(models.QuerySet):
    def available(self, today=None):
        """Coordinators who take new enquiries today: active, and not away."""
        today = today or timezone.localdate()
        return self.filter(is_active=True).exclude(away_until__gte=today)


class Coordinator(ClusterableModel):
    """A member of the international patient team, linked to their Wagtail user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="coordinator",
    )
    languages = LanguageListField(_("languages spoken"), blank=False)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick while away; away coordinators get no enquiries."),
    )
    away_until = models.DateField(
        _("away until"),
        null=True,
        blank=True,
        help_text=_("Gets no new enquiries until this date, inclusive."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=10, help_text=_("The most open enquiries at once.")
    )
    specialties = ChoiceListField(
        _("specialties"), list_choices=TreatmentCategory.choices, blank=True
    )
    last_assigned_at = models.DateTimeField(_("last assigned at"), null=True, blank=True)

    objects = CoordinatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()

    def is_away(self, today=None) -> bool:
        today = today or timezone.localdate()
        return not self.is_active or bool(self.away_until and self.away_until >= today)

    @property
    def email_language(self) -> str:
        """The language the coordinator reads the admin in, else the first they speak."""
        profile = getattr(self.user, "wagtail_userprofile", None)
        preferred = profile.get_preferred_language() if profile else None
        return preferred or (self.languages[0] if self.languages else settings.LANGUAGE_CODE)


class CoordinatorHours(AbstractWorkingPeriod):
    """When a coordinator works, shown to managers beside their load (none: the clinic's)."""

    coordinator = ParentalKey(Coordinator, on_delete=models.CASCADE, related_name="working_hours")

    class Meta(AbstractWorkingPeriod.Meta):
        verbose_name = _("working hours")
