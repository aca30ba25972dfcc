"""Registers the enquiries' admin with Wagtail; what is registered is defined in admin/."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin.bulk_actions import ChangeStatusBulkAction, ReassignBulkAction
from .admin.coordinators import CoordinatorViewSet, ManagersManagePolicy
from .admin.dashboard import MyEnquiriesPanel, OutboxPanel, TeamPanel
from .admin.email_templates import (
    EmailTemplateViewSet,
    SavedReplyViewSet,
    edit_translation_with_preview,
)
from .admin.enquiries import EnquiryViewSet
from .admin.menu import my_availability_menu_item, patient_data_menu_item
from .admin.outbox import OutboxViewSet
from .admin.permissions import (
    EnquiryPermissionPolicy,
    ManagersMayViewPolicy,
    coordinator_of,
    is_manager,
)
from .admin.privacy import AccessLogViewSet
from .models import AccessLogEntry, Coordinator, Enquiry, OutgoingEmail


@hooks.register("register_admin_menu_item")
def register_patient_data_menu_item():
    return patient_data_menu_item()


@hooks.register("register_admin_menu_item")
def register_my_availability_menu_item():
    return my_availability_menu_item()


@hooks.register("construct_homepage_panels")
def add_my_enquiries_panel(request, panels):
    coordinator = coordinator_of(request.user)
    if coordinator is not None:
        panels.append(MyEnquiriesPanel(coordinator))
    if is_manager(request.user):
        panels.append(TeamPanel())
        panels.append(OutboxPanel())


register_permission_policy(Enquiry, EnquiryPermissionPolicy(Enquiry))
register_permission_policy(Coordinator, ManagersManagePolicy(Coordinator))
register_permission_policy(OutgoingEmail, ManagersMayViewPolicy(OutgoingEmail))
register_permission_policy(AccessLogEntry, ManagersMayViewPolicy(AccessLogEntry))


@hooks.register("register_admin_viewset")
def register_enquiry_viewset():
    return EnquiryViewSet()


hooks.register("register_bulk_action", ReassignBulkAction)
hooks.register("register_bulk_action", ChangeStatusBulkAction)


@hooks.register("register_admin_viewset")
def register_coordinator_viewset():
    return CoordinatorViewSet()


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet()


@hooks.register("register_admin_viewset")
def register_access_log_viewset():
    return AccessLogViewSet()


register_snippet(EmailTemplateViewSet)
register_snippet(SavedReplyViewSet)
# Before wagtail-localize's own hook, which would answer first with an editor without preview.
hooks.register("before_edit_snippet", edit_translation_with_preview, order=-1)
