from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import SitePage


class ContactPage(SitePage):
    """A general contact page with the enquiry form, for patients who have not chosen yet."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*SitePage.content_panels, "intro"]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")

    def get_context(self, request, *args, **kwargs):
        from .treatments import treatment_choices, treatments_in

        linked = self.linked_pages(extra=treatments_in(self.locale_id), fields=["content_type"])
        context = super().get_context(request, *args, linked_pages=linked, **kwargs)
        context["treatment_choices"] = treatment_choices(linked, self.locale.language_code)
        return context
