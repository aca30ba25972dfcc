from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from .base import SitePage
from .blocks import BodyBlock


class StandardPage(SitePage):
    """A plain page: about us, the privacy notice."""

    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = [*SitePage.content_panels, FieldPanel("body")]
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
