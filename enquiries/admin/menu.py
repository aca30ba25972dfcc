"""Admin menu items of the enquiries' screens that are not viewsets (those bring their own)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from .permissions import coordinator_of, is_manager


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


class CoordinatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return coordinator_of(request.user) is not None


def my_availability_menu_item() -> CoordinatorsMenuItem:
    return CoordinatorsMenuItem(
        _("My availability"),
        reverse("enquiry_coordinators:my_availability"),
        icon_name="time",
        order=152,
    )
