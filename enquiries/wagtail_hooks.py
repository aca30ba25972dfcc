from datetime import timedelta

from django.conf import settings
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import EmailTemplate, Enquiry
from .permissions import can_use_enquiries, coordinator_of
from .placeholders import placeholder_help

admin_urls = [
    path("", admin_views.index, name="index"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/status/", admin_views.change_status, name="change_status"),
    path("<int:pk>/note/", admin_views.add_note, name="add_note"),
    path("<int:pk>/reassign/", admin_views.reassign, name="reassign"),
]


@hooks.register("register_admin_urls")
def register_enquiry_urls():
    return [path("enquiries/", include((admin_urls, "enquiries_admin")))]


class EnquiriesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_enquiries(request.user)


@hooks.register("register_admin_menu_item")
def register_enquiries_menu_item():
    return EnquiriesMenuItem(
        _("Enquiries"), reverse("enquiries_admin:index"), icon_name="mail", order=150
    )


class MyEnquiriesPanel(Component):
    """A coordinator's open enquiries on the dashboard, those close to the SLA first."""

    name = "my_enquiries"
    order = 50
    template_name = "enquiries/admin/dashboard_panel.html"

    def __init__(self, coordinator):
        self.coordinator = coordinator

    def get_context_data(self, parent_context=None):
        sla = timedelta(hours=settings.ENQUIRY_SLA_HOURS)
        warn_before = timezone.now() - sla * 0.75
        open_enquiries = list(
            Enquiry.objects.filter(coordinator=self.coordinator, status__in=Enquiry.OPEN_STATUSES)
            .select_related("treatment")
            .order_by("assigned_at")
        )
        return {
            "open_enquiries": open_enquiries,
            "near_sla": [
                e
                for e in open_enquiries
                if e.status == Enquiry.Status.ASSIGNED
                and e.assigned_at
                and e.assigned_at < warn_before
            ],
        }


@hooks.register("construct_homepage_panels")
def add_my_enquiries_panel(request, panels):
    coordinator = coordinator_of(request.user)
    if coordinator is not None:
        panels.append(MyEnquiriesPanel(coordinator))


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


register_snippet(EmailTemplateViewSet)
