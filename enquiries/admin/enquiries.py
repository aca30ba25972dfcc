"""The enquiries' listing, on Wagtail's ModelViewSet: filters in Wagtail's drawer, search,
ordering, pagination, bulk actions and (for managers) an export of the filtered list, logged
in the access log. A coordinator's list holds their own enquiries only (permissions.py).

The enquiry's own page (history, conversation, actions) says what generic views cannot, so
it is a view of its own (views.py), mounted here under the same URL namespace.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import Coordinator, Enquiry
from ..privacy import access_log
from ..routing import sla
from . import conversation, privacy, quotes, views
from .permissions import EnquiryPermissionPolicy, is_manager

AT_RISK, BREACHED = "at_risk", "breached"


class EnquiryFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=Enquiry.Status.choices)
    deadline = django_filters.ChoiceFilter(
        label=_("Answer deadline"),
        method="filter_deadline",
        empty_label=_("All"),
        choices=[(AT_RISK, _("Close to the deadline")), (BREACHED, _("Past the deadline"))],
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Enquiry._meta.get_field("language").choices
    )
    coordinator = django_filters.ModelChoiceFilter(
        label=_("Coordinator"), queryset=Coordinator.objects.select_related("user")
    )
    unassigned = django_filters.BooleanFilter(
        label=_("Unassigned"), field_name="coordinator", lookup_expr="isnull"
    )
    treatment = django_filters.CharFilter(
        label=_("Treatment"), field_name="treatment__title", lookup_expr="icontains"
    )
    received = django_filters.DateFromToRangeFilter(
        label=_("Received"), field_name="created_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Enquiry
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is None or not is_manager(request.user):
            # A coordinator's list is theirs alone: nothing to choose.
            del self.filters["coordinator"], self.filters["unassigned"]

    def filter_deadline(self, queryset, name, value):
        chosen = sla.at_risk() if value == AT_RISK else sla.breached()
        return queryset.filter(pk__in=chosen.values("pk"))


class DeadlineColumn(Column):
    cell_template_name = "enquiries/admin/cells/deadline.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["late"] = bool(
            instance.answer_due_at
            and instance.status in Enquiry.ANSWER_DUE_STATUSES
            and instance.answer_due_at <= timezone.now()
        )
        return context


class ContactColumn(Column):
    """Tap to call, click to chat: the phone kept left to right in right-to-left admins."""

    cell_template_name = "enquiries/admin/cells/contact.html"


def local_time(value) -> str:
    """Exported times in the clinic's time zone, to the minute."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class EnquiryIndexView(generic.IndexView):
    template_name = "enquiries/admin/index.html"
    custom_field_preprocess = {
        field: {"csv": local_time, "xlsx": local_time} for field in ("created_at", "answer_due_at")
    }

    def get_base_queryset(self):
        return (
            EnquiryPermissionPolicy(Enquiry)
            .instances_user_has_permission_for(self.request.user, "view")
            .select_related("coordinator__user", "treatment")
        )

    @property
    def columns(self):
        columns = super().columns
        if is_manager(self.request.user):
            return [BulkActionsCheckboxColumn("bulk_actions", obj_type="enquiry"), *columns]
        return columns

    @property
    def show_export_buttons(self):
        return is_manager(self.request.user)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if not is_manager(self.request.user):
            raise PermissionDenied
        enquiries = list(queryset)
        access_log.record_many(
            self.request.user, access_log.Action.EXPORTED, enquiries, detail=spreadsheet_format
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


def detail_url(enquiry: Enquiry) -> str:
    return reverse("enquiries_admin:detail", args=[enquiry.pk])


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    name = "enquiries_admin"
    url_prefix = "enquiries"
    icon = "mail"
    menu_label = _("Enquiries")
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = EnquiryIndexView
    filterset_class = EnquiryFilterSet
    search_fields = ["reference", "full_name", "email"]
    search_backend_name = None  # the database: enquiries are not in the search index
    copy_view_enabled = False
    add_to_reference_index = False
    list_per_page = 50
    ordering = ["-created_at"]
    list_display = [
        TitleColumn(
            "reference",
            label=_("Reference"),
            get_url=detail_url,
            get_title_id=lambda enquiry: f"enquiry_{enquiry.pk}_title",
            sort_key="reference",
        ),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("coordinator", label=_("Coordinator")),
        DeadlineColumn("answer_due_at", label=_("Answer due"), sort_key="answer_due_at"),
        Column("full_name", label=_("Patient"), classname="enquiry-column--wide"),
        ContactColumn("phone", label=_("Phone"), classname="enquiry-column--wide"),
        Column(
            "language",
            label=_("Language"),
            accessor="get_language_display",
            classname="enquiry-column--wide",
        ),
        Column("treatment", label=_("Treatment"), classname="enquiry-column--wide"),
        Column(
            "created_at",
            label=_("Received"),
            sort_key="created_at",
            classname="enquiry-column--wide",
        ),
    ]
    list_export = [
        "reference",
        "created_at",
        "get_status_display",
        "coordinator",
        "answer_due_at",
        "full_name",
        "email",
        "phone",
        "country.name",
        "get_language_display",
        "treatment",
        "travel_from",
        "travel_to",
        "treated_on",
    ]
    export_headings = {
        "get_status_display": _("Status"),
        "country.name": _("Country of residence"),
        "get_language_display": _("Preferred language"),
    }
    export_filename = "enquiries"

    def get_urlpatterns(self):
        # No add, edit or delete: patients send enquiries, staff work them on their page.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", views.detail, name="detail"),
            path("<int:pk>/status/", views.change_status, name="change_status"),
            path("<int:pk>/note/", views.add_note, name="add_note"),
            path("<int:pk>/reassign/", views.reassign, name="reassign"),
            path("<int:pk>/reply/", conversation.reply, name="reply"),
            path("<int:pk>/photos/<int:photo_id>/", views.photo, name="photo"),
            path("<int:pk>/quote/", quotes.send_quote, name="send_quote"),
            path(
                "<int:pk>/attachments/<int:attachment_id>/",
                conversation.attachment,
                name="attachment",
            ),
            path("patient-data/", privacy.patient_data, name="patient_data"),
        ]
