"""Translatable snippets: the people who treat patients and the clinics they work in."""

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from tourism_site import process_cache
from tourism_site.languages import LanguageListField


class Qualification(models.TextChoices):
    PLASTIC_SURGEON = "plastic_surgeon", _("Plastic and aesthetic surgeon")
    DERMATOLOGIST = "dermatologist", _("Dermatologist")
    HAIR_SURGEON = "hair_surgeon", _("Hair restoration surgeon")
    ORAL_SURGEON = "oral_surgeon", _("Oral and maxillofacial surgeon")
    DENTIST = "dentist", _("Dentist (implantology)")


class Clinic(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=150)
    city = models.CharField(_("city"), max_length=80)
    authorisation_number = models.CharField(
        _("health-tourism authorisation number"),
        max_length=50,
        help_text=_("The number on the Ministry of Health's international health tourism permit."),
    )
    accreditations = models.TextField(
        _("accreditations"), blank=True, help_text=_("One per line, as the certificate names it.")
    )
    # Turkey's 2025 rules on health advertising ask sites to name who answers for the content.
    content_responsible = models.CharField(
        _("responsible for the website's content"), max_length=150, blank=True
    )
    content_responsible_email = models.EmailField(_("their email"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("city"),
        FieldPanel("authorisation_number"),
        FieldPanel("accreditations"),
        FieldPanel("content_responsible"),
        FieldPanel("content_responsible_email"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("city")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("city"),
        SynchronizedField("authorisation_number", overridable=False),
        TranslatableField("accreditations"),
        SynchronizedField("content_responsible"),
        SynchronizedField("content_responsible_email", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("clinic")
        verbose_name_plural = _("clinics")

    def __str__(self):
        return f"{self.name} ({self.city})"

    def accreditation_list(self) -> list[str]:
        return [line.strip() for line in self.accreditations.splitlines() if line.strip()]


class Practitioner(TranslatableMixin, index.Indexed, models.Model):
    # Names are translatable so they can be written in the reader's script (Арзу, آرزو).
    name = models.CharField(_("name"), max_length=150)
    qualification = models.CharField(
        _("qualification"), max_length=30, choices=Qualification.choices
    )
    languages_spoken = LanguageListField(_("languages spoken"))
    photo = models.ForeignKey(
        "pages.ClinicImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link"])
    clinic = models.ForeignKey(
        Clinic,
        verbose_name=_("clinic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practitioners",
    )
    # Not in translatable_fields, and not copied into new translations: a login belongs to
    # one snippet (the field is unique), and the review task finds the page's language's
    # translation of it (pages/models/review.py).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practitioner",
        help_text=_(
            "The admin login of this practitioner. A member of the Practitioners group approves "
            "medical reviews in the name of the practitioner their login is linked to."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("qualification"),
        FieldPanel("languages_spoken"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("clinic"),
        # Only those who manage logins link them: editors could otherwise sign reviews in
        # another practitioner's name.
        FieldPanel("user", permission="auth.change_user"),
    ]
    search_fields = [index.SearchField("name")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("bio"),
        SynchronizedField("qualification", overridable=False),
        SynchronizedField("languages_spoken", overridable=False),
        SynchronizedField("photo"),
        TranslatableField("clinic"),
    ]
    exclude_fields_in_copy = ["user"]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("practitioner")
        verbose_name_plural = _("practitioners")

    def __str__(self):
        return self.name


PRACTITIONERS_VERSION_KEY = "pages:practitioners-version"


def practitioners_version() -> int:
    return process_cache.get_or_set(PRACTITIONERS_VERSION_KEY, 0)


def cached_per_publication(page, name: str, links, build):
    """build(), cached per publication of `page` until a practitioner, an image or a gallery
    pair changes. A preview's `links` are in memory and maybe never published: built, never
    cached, or the live page would show them."""
    if not isinstance(links.all(), models.QuerySet):
        return build()
    published = page.last_published_at.timestamp() if page.last_published_at else 0
    key = f"pages:{name}:{page.pk}:{published}:{practitioners_version()}"
    value = process_cache.get(key)
    if value is None:
        value = build()
        process_cache.set(key, value, 24 * 3600)
    return value


@receiver([post_save, post_delete])
def _forget_practitioners(sender, **kwargs):
    # What a treatment page's practitioners and gallery show: snippets, photos and links.
    if sender._meta.label in (
        "pages.Practitioner",
        "pages.ClinicImage",
        "pages.TreatmentPractitioner",
        "pages.TreatmentGalleryItem",
    ):
        # Once committed: a page rendered meanwhile would cache the old ones as the new version.
        transaction.on_commit(_new_practitioners_version)


def _new_practitioners_version() -> None:
    try:
        cache.incr(PRACTITIONERS_VERSION_KEY)
    except ValueError:  # not cached yet: nothing to forget
        return
    process_cache.changed()
