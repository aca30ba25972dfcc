"""Editors' screens for the patient email templates (a snippet per kind and language, with
the placeholders listed under the form and a preview filled with sample values) and for the
saved replies coordinators start from (translated the same way)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import EmailTemplate, SavedReply
from ..models.placeholders import placeholder_help


class EmailTemplateViewSet(SnippetViewSet):
    model = EmailTemplate
    icon = "mail"
    menu_label = _("Email templates")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["kind", "subject", "locale"]
    list_filter = ["kind", "locale"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("subject"),
        FieldPanel("body"),
        HelpPanel(content=placeholder_help(), heading=_("Placeholders")),
    ]


class SavedReplyViewSet(SnippetViewSet):
    model = SavedReply
    icon = "comment"
    menu_label = _("Saved replies")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["title", "subject", "locale"]
    list_filter = ["locale"]
    search_fields = ["title", "subject"]
    panels = [
        FieldPanel("title"),
        FieldPanel("subject"),
        FieldPanel("body"),
        HelpPanel(content=placeholder_help(), heading=_("Placeholders")),
    ]
