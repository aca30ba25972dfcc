"""Registers the enquiries' admin with Wagtail; what is registered is defined in admin/."""

from django.urls import include, path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin import urls as admin_urls
from .admin.dashboard import MyEnquiriesPanel, OutboxPanel
from .admin.email_templates import EmailTemplateViewSet
from .admin.menu import enquiries_menu_item, patient_data_menu_item
from .admin.outbox import OutboxViewSet
from .admin.permissions import ManagersMayViewPolicy, coordinator_of, is_manager
from .admin.privacy import AccessLogViewSet
from .models import AccessLogEntry, OutgoingEmail


@hooks.register("register_admin_urls")
def register_enquiry_urls():
    return [path("enquiries/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_enquiries_menu_item():
    return enquiries_menu_item()


@hooks.register("register_admin_menu_item")
def register_patient_data_menu_item():
    return patient_data_menu_item()


@hooks.register("construct_homepage_panels")
def add_my_enquiries_panel(request, panels):
    coordinator = coordinator_of(request.user)
    if coordinator is not None:
        panels.append(MyEnquiriesPanel(coordinator))
    if is_manager(request.user):
        panels.append(OutboxPanel())


register_permission_policy(OutgoingEmail, ManagersMayViewPolicy(OutgoingEmail))
register_permission_policy(AccessLogEntry, ManagersMayViewPolicy(AccessLogEntry))


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet()


@hooks.register("register_admin_viewset")
def register_access_log_viewset():
    return AccessLogViewSet()


register_snippet(EmailTemplateViewSet)
