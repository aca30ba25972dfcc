from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from .base import SitePage
from .hero import HeroImageMixin, with_card_images


class HomePage(HeroImageMixin, SitePage):
    """The root of each language's tree: a welcome, then the treatments by category."""

    hero_heading = models.CharField(_("hero heading"), max_length=150)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = RichTextField(_("body"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]

    route_select_related = ["hero_image"]
    fact_fields = ("hero_image",)  # pages/translation/facts.py
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.TreatmentIndexPage", "pages.StandardPage", "pages.ContactPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .treatments import TreatmentPage

        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = with_card_images(
            TreatmentPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .descendant_of(self)
            .only("id", "title", "url_path", "summary", "category", "locale_id", "hero_image_id")
            .order_by("path")
        )
        return context
