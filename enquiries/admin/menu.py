"""The admin menu's *Enquiries* item, shown to coordinators and managers only."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from .permissions import can_use_enquiries, is_manager


class EnquiriesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_enquiries(request.user)


def enquiries_menu_item() -> EnquiriesMenuItem:
    return EnquiriesMenuItem(
        _("Enquiries"), reverse("enquiries_admin:index"), icon_name="mail", order=150
    )


class ManagersMenuItem(MenuItem):
    def is_shown(self, request):
        return is_manager(request.user)


def patient_data_menu_item() -> ManagersMenuItem:
    return ManagersMenuItem(
        _("Patient data requests"),
        reverse("enquiries_admin:patient_data"),
        icon_name="user",
        order=170,
    )
