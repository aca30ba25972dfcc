"""Treatment pages hold structured facts (durations, ranges, steps) that later features read:
enquiry forms preset the treatment, follow-up emails quote the facts and time reminders from
the effect-duration range."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .. import facts
from ..structured_data import faq_page, medical_web_page
from .base import SitePage, kept_links
from .blocks import AftercareStepBlock, FAQBlock
from .hero import HeroImageMixin, with_card_images
from .images import with_consent
from .markets import hides_before_after
from .review import MedicalReviewPermissionTester, review_cutoff
from .snippets import cached_per_publication

SECTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# What rendering an image needs, and nothing more (images have many columns).
RENDITION_IMAGE_FIELDS = (
    "file",
    "width",
    "height",
    "title",
    "description",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
    "file_hash",
)
GALLERY_IMAGE_FIELDS = [
    f"{image}__{field}"
    for image in ("before_image", "after_image")
    for field in (*RENDITION_IMAGE_FIELDS, "patient_consent")
]
# Key facts stored as <name>_min / <name>_max pairs.
RANGE_FIELDS = ("session_minutes", "effect_months", "results_days", "downtime_days", "stay_days")


class TreatmentCategory(models.TextChoices):
    AESTHETIC = "aesthetic", _("Aesthetic treatments")
    DENTAL = "dental", _("Dental care")
    HAIR = "hair", _("Hair restoration")
    MEDICAL = "medical", _("Medical treatments")


class Anaesthesia(models.TextChoices):
    NONE = "none", _("None needed")
    TOPICAL = "topical", _("Numbing cream")
    LOCAL = "local", _("Local anaesthesia")
    SEDATION = "sedation", _("Sedation")
    GENERAL = "general", _("General anaesthesia")


class TreatmentIndexPage(SitePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.TreatmentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("treatment index page")

    def permissions_for_user(self, user):
        # New treatment pages start as drafts to submit to the medical review (models/review.py).
        return MedicalReviewPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        treatments = with_card_images(
            TreatmentPage.objects.child_of(self)
            .live()
            .public()
            .only("id", "title", "url_path", "summary", "category", "locale_id", "hero_image_id")
            .order_by("title")
        )
        by_category = {}
        for treatment in treatments:
            by_category.setdefault(treatment.category, []).append(treatment)
        context["categories"] = [
            (f"category-{value}", label, by_category[value])
            for value, label in TreatmentCategory.choices
            if value in by_category
        ]
        return context


class TreatmentPage(HeroImageMixin, SitePage):
    category = models.CharField(_("category"), max_length=20, choices=TreatmentCategory.choices)
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists and search.")
    )

    # Key facts: ranges, because sources rarely agree on one number.
    session_minutes_min = models.PositiveIntegerField(_("session length from (minutes)"))
    session_minutes_max = models.PositiveIntegerField(_("session length to (minutes)"))
    effect_months_min = models.PositiveIntegerField(
        _("effect lasts from (months)"),
        null=True,
        blank=True,
        help_text=_("Leave both empty when the result is permanent."),
    )
    effect_months_max = models.PositiveIntegerField(
        _("effect lasts to (months)"), null=True, blank=True
    )
    results_days_min = models.PositiveIntegerField(_("results visible from (days)"))
    results_days_max = models.PositiveIntegerField(_("results visible by (days)"))
    downtime_days_min = models.PositiveIntegerField(_("downtime from (days)"), default=0)
    downtime_days_max = models.PositiveIntegerField(_("downtime to (days)"), default=0)
    stay_days_min = models.PositiveIntegerField(_("stay in Turkey from (days)"))
    stay_days_max = models.PositiveIntegerField(_("stay in Turkey to (days)"))
    anaesthesia = models.CharField(
        _("anaesthesia"), max_length=20, choices=Anaesthesia.choices, default=Anaesthesia.NONE
    )
    facts_note = models.CharField(
        _("note on the facts"),
        max_length=250,
        blank=True,
        help_text=_("For what the numbers cannot say, e.g. 'two trips, 3–6 months apart'."),
    )

    how_it_works = RichTextField(_("how it works"), features=SECTION_FEATURES)
    cosmetic_uses = RichTextField(_("cosmetic uses"), blank=True, features=SECTION_FEATURES)
    medical_uses = RichTextField(_("medical uses"), blank=True, features=SECTION_FEATURES)
    performed_by = RichTextField(
        _("who performs it"),
        features=SECTION_FEATURES,
        help_text=_("The qualification a practitioner needs for this treatment."),
    )
    candidates = RichTextField(_("who it is for"), features=SECTION_FEATURES)
    contraindications = RichTextField(_("who should not have it"), features=SECTION_FEATURES)
    risks = RichTextField(_("risks and side effects"), features=SECTION_FEATURES)
    aftercare_steps = StreamField(
        [("step", AftercareStepBlock())], verbose_name=_("aftercare steps"), blank=True
    )
    faq = StreamField([("question", FAQBlock())], verbose_name=_("FAQ"), blank=True)

    clinic = models.ForeignKey(
        "pages.Clinic",
        verbose_name=_("clinic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        "pages.Practitioner",
        verbose_name=_("medically reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_on = models.DateField(_("medically reviewed on"), null=True, blank=True)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("session_minutes_min"), FieldPanel("session_minutes_max")]
                ),
                FieldRowPanel([FieldPanel("effect_months_min"), FieldPanel("effect_months_max")]),
                FieldRowPanel([FieldPanel("results_days_min"), FieldPanel("results_days_max")]),
                FieldRowPanel([FieldPanel("downtime_days_min"), FieldPanel("downtime_days_max")]),
                FieldRowPanel([FieldPanel("stay_days_min"), FieldPanel("stay_days_max")]),
                FieldPanel("anaesthesia"),
                FieldPanel("facts_note"),
            ],
            heading=_("Key facts"),
        ),
        FieldPanel("how_it_works"),
        FieldPanel("cosmetic_uses"),
        FieldPanel("medical_uses"),
        FieldPanel("performed_by"),
        FieldPanel("candidates"),
        FieldPanel("contraindications"),
        FieldPanel("risks"),
        FieldPanel("aftercare_steps"),
        FieldPanel("faq"),
        InlinePanel("gallery_items", heading=_("Before and after gallery"), label=_("photo pair")),
        InlinePanel("related_treatments", heading=_("Related treatments"), label=_("treatment")),
        InlinePanel("practitioners", heading=_("Practitioners"), label=_("practitioner")),
        MultiFieldPanel(
            [FieldPanel("clinic"), FieldPanel("reviewed_by"), FieldPanel("reviewed_on")],
            heading=_("Clinic and medical review"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    # Joined into the query that loads the page for a request (pages/serving.py).
    route_select_related = ["reviewed_by", "clinic", "hero_image"]
    parent_page_types = ["pages.TreatmentIndexPage"]
    subpage_types = []

    # Facts of the treatment, not of a language: the same in every translation, and written
    # into each one when the English page is published (pages/translation/facts.py). The
    # reviewer and the clinic are links to their translations.
    fact_fields = (
        *(f"{name}_{end}" for name in RANGE_FIELDS for end in ("min", "max")),
        "category",
        "anaesthesia",
        "hero_image",
        "reviewed_on",
        "reviewed_by",
        "clinic",
    )
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in fact_fields
        if name not in ("reviewed_by", "clinic")
    ]

    class Meta:
        verbose_name = _("treatment page")

    def permissions_for_user(self, user):
        # Published by a practitioner's approval, not directly (models/review.py).
        return MedicalReviewPermissionTester(user, self)

    def clean(self):
        super().clean()
        errors = {}
        for name in RANGE_FIELDS:
            low, high = f"{name}_min", f"{name}_max"
            low_value, high_value = getattr(self, low), getattr(self, high)
            if (low_value is None) != (high_value is None):
                errors[high] = _("Fill in both ends of the range, or neither.")
            elif low_value is not None and low_value > high_value:
                errors[high] = _("The upper end must not be below the lower end.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_effect_duration(self) -> bool:
        return self.effect_months_min is not None

    def key_facts(self) -> list[tuple[str, str]]:
        return facts.key_facts(self)

    def is_due_for_review(self, today: datetime.date | None = None) -> bool:
        return self.reviewed_on is None or self.reviewed_on < review_cutoff(today)

    def get_context(self, request, *args, **kwargs):
        # One query for the translations (hreflang), the related treatments and the form's
        # treatment choices (every treatment in this language).
        related = self.related_treatments.all()
        # A preview's links are in memory, maybe never published: built, never kept.
        is_live = isinstance(related, models.QuerySet)
        if is_live:
            related_keys = related.values("treatment__translation_key")
        else:
            related_keys = [link.treatment.translation_key for link in related]

        def links():
            return self.linked_pages(
                extra=treatments_in(self.locale_id),
                fields=["content_type", "treatmentpage__summary"],
                flags={"is_related": models.Q(translation_key__in=related_keys)},
            )

        linked = kept_links(self, "treatment-links", links) if is_live else links()
        context = super().get_context(request, *args, linked_pages=linked, **kwargs)
        context["related"] = sorted(
            (
                row
                for row in linked
                if row["is_related"] and row["locale__language_code"] == self.locale.language_code
            ),
            key=lambda row: row["title"],
        )
        context["treatment_choices"] = treatment_choices(linked, self.locale.language_code)
        # reviewed_by is fetched with the page itself (see route_select_related).
        reviewer = self.reviewed_by
        context["reviewer"] = reviewer
        context["practitioners"] = self.localized_practitioners()
        # Some markets forbid before/after pictures for cosmetic procedures (markets.py).
        context["gallery"] = (
            [] if hides_before_after(self.locale.language_code) else self.consented_gallery()
        )
        context["structured_data"] = {
            "page": medical_web_page(self, context["canonical_url"], reviewer),
            "faq": faq_page(self),
        }
        return context

    def consented_gallery(self):
        """Pairs whose two photos both have consent on file; anything else is never shown.
        The pairs are cached like the practitioners; consent is not (see with_consent)."""
        pairs = cached_per_publication(self, "gallery", self.gallery_items, self._gallery_pairs)
        return with_consent(pairs)

    def _gallery_pairs(self):
        pairs = self.gallery_items.select_related("before_image", "after_image")
        return list(pairs.only("caption", "page_id", *GALLERY_IMAGE_FIELDS))

    def localized_practitioners(self):
        """The practitioners, already in this page's language: wagtail-localize translates the
        links of each translation (keeping the English one until a practitioner is
        translated). Cached: a query saved on every view."""
        return cached_per_publication(
            self, "practitioners", self.practitioners, self._practitioners
        )

    def _practitioners(self):
        links = (
            self.practitioners.select_related("practitioner__photo")
            .only(
                "page_id",
                "practitioner__name",
                "practitioner__qualification",
                "practitioner__languages_spoken",
                "practitioner__bio",
                *(f"practitioner__photo__{field}" for field in RENDITION_IMAGE_FIELDS),
            )
            .order_by("practitioner__name")
        )
        return [link.practitioner for link in links]


def treatments_in(locale_id: int) -> models.Q:
    """The live treatment pages of one language, to fetch with a page's other links."""
    return models.Q(
        locale_id=locale_id, content_type=ContentType.objects.get_for_model(TreatmentPage)
    )


def treatment_choices(rows, language_code: str) -> list[tuple[int, str]]:
    """(id, title) of the treatment pages among linked-page rows (see treatments_in), for
    the enquiry form's list."""
    treatment_type = ContentType.objects.get_for_model(TreatmentPage).pk
    return sorted(
        (
            (row["id"], row["title"])
            for row in rows
            if row["content_type"] == treatment_type
            and row["locale__language_code"] == language_code
        ),
        key=lambda choice: choice[1],
    )


class TreatmentGalleryItem(TranslatableMixin, Orderable):
    """Translatable, so each language has its own caption (wagtail-localize keeps the photos
    in step with the English page and offers the caption for translation)."""

    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="gallery_items")
    before_image = models.ForeignKey(
        "pages.ClinicImage", verbose_name=_("before"), on_delete=models.CASCADE, related_name="+"
    )
    after_image = models.ForeignKey(
        "pages.ClinicImage", verbose_name=_("after"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("before_image"), FieldPanel("after_image"), FieldPanel("caption")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass


class RelatedTreatment(Orderable):
    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="related_treatments")
    treatment = models.ForeignKey(
        TreatmentPage, verbose_name=_("treatment"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("treatment")]


class TreatmentPractitioner(TranslatableMixin, Orderable):
    """Translatable, so each translation links to the practitioner's own translation."""

    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="practitioners")
    practitioner = models.ForeignKey(
        "pages.Practitioner",
        verbose_name=_("practitioner"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("practitioner")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass
