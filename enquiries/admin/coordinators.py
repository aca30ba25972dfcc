"""The patient team in the admin: managers add coordinators and set their languages,
capacity, specialties, availability and working hours (a Wagtail ModelViewSet); each
coordinator sets their own availability ("My availability")."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from ..models import Coordinator, Enquiry
from .permissions import coordinator_of, is_manager, managers


class ManagersManagePolicy(BasePermissionPolicy):
    """Managers add and change coordinators; nobody deletes one (untick "active")."""

    def user_has_permission(self, user, action):
        return action in ("add", "change", "view") and is_manager(user)

    def users_with_any_permission(self, actions):
        return managers() if {"add", "change", "view"} & set(actions) else managers().none()


class CoordinatorForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Active users who are not coordinators yet (or this one).
        self.fields["user"].queryset = get_user_model().objects.filter(
            Q(coordinator__isnull=True) | Q(pk=self.instance.user_id), is_active=True
        )


class CoordinatorIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("user")
            .annotate(
                open_count=Count("enquiries", filter=Q(enquiries__status__in=Enquiry.OPEN_STATUSES))
            )
        )


class CoordinatorViewSet(ModelViewSet):
    model = Coordinator
    name = "enquiry_coordinators"
    url_prefix = "enquiries/coordinators"
    icon = "group"
    menu_label = _("Coordinators")
    menu_order = 155
    add_to_admin_menu = True
    index_view_class = CoordinatorIndexView
    copy_view_enabled = False
    add_to_reference_index = False
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    search_backend_name = None
    list_display = [
        "__str__",
        Column("languages", label=_("Languages"), accessor="languages"),
        Column("open_count", label=_("Open enquiries")),
        Column("capacity", label=_("Capacity")),
        BooleanColumn("is_active", label=_("Active")),
        Column("away_until", label=_("Away until")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("user"),
            FieldPanel("languages"),
            FieldRowPanel(
                [FieldPanel("capacity"), FieldPanel("is_active"), FieldPanel("away_until")]
            ),
            FieldPanel("specialties"),
            InlinePanel("working_hours", heading=_("Working hours"), label=_("Working hours")),
        ],
        base_form_class=CoordinatorForm,
    )

    def get_urlpatterns(self):
        # No delete: a coordinator who leaves is made inactive, their history kept.
        return [
            pattern for pattern in super().get_urlpatterns() if pattern.name not in ("delete",)
        ] + [path("me/", my_availability, name="my_availability")]


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = Coordinator
        fields = ["is_active", "away_until"]
        widgets = {"away_until": forms.DateInput(attrs={"type": "date"})}


def my_availability(request):
    """A coordinator says they are away (until a date) or back."""
    coordinator = coordinator_of(request.user)
    if coordinator is None:
        raise PermissionDenied
    form = AvailabilityForm(request.POST or None, instance=coordinator)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Your availability is saved."))
        return redirect("enquiry_coordinators:my_availability")
    return TemplateResponse(
        request, "enquiries/admin/my_availability.html", {"form": form, "coordinator": coordinator}
    )
