"""The managers' *Email outbox*: every email with its status, counts by status, filters for
what needs attention, and the two decisions a manager takes on an email (resend, cancel).

Built on Wagtail's ModelViewSet (listing, filters, ordering, pagination, an inspect view);
a permission policy lets managers view, and there are no add, edit or delete views. The
decisions are views of their own, with a confirmation page that warns when a copy may have
arrived.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from tourism_site.read_only_viewsets import ReadOnlyViewSetMixin

from ..messaging import outbox
from ..models import OutgoingEmail
from ..privacy import access_log
from .permissions import is_manager

ATTENTION, OVERDUE = "attention", "overdue"


class OutboxFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_state",
        empty_label=_("All"),
        choices=[
            (ATTENTION, _("Needs attention")),
            (OVERDUE, _("Pending, overdue")),
            *OutgoingEmail.Status.choices,
        ],
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OutgoingEmail.Kind.choices, empty_label=_("All")
    )

    class Meta:
        model = OutgoingEmail
        fields = []

    def filter_state(self, queryset, name, value):
        overdue = Q(pk__in=outbox.overdue_pending().values("pk"))
        if value == ATTENTION:
            problems = Q(
                status__in=[*OutgoingEmail.PROBLEM_STATUSES, OutgoingEmail.Status.IN_DOUBT]
            )
            return queryset.filter(problems | overdue)
        if value == OVERDUE:
            return queryset.filter(overdue)
        return queryset.filter(status=value)


class OutboxIndexView(generic.IndexView):
    results_template_name = "enquiries/admin/outbox_results.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("enquiry")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = outbox.status_counts()
        context["status_counts"] = [
            (label, counts[value], value) for value, label in OutgoingEmail.Status.choices
        ] + [(_("Pending, overdue"), counts[OVERDUE], OVERDUE)]
        return context

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for action, label, icon, allowed in DECISIONS:
            if instance.status in allowed:
                url = reverse(f"enquiry_outbox:{action}", args=[instance.pk])
                buttons.append(ListingButton(label, url=url, icon_name=icon, priority=5))
        return buttons


class OutboxInspectView(generic.InspectView):
    def get_context_data(self, **kwargs):
        if self.object.enquiry_id:
            access_log.record(
                self.request.user,
                access_log.Action.VIEWED,
                self.object.enquiry,
                detail="outbox email",
            )
        return super().get_context_data(**kwargs)


class EnquiryColumn(Column):
    """The enquiry's reference, linked to its page in the enquiries admin."""

    cell_template_name = "enquiries/admin/outbox_enquiry_cell.html"


class OutboxViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = OutgoingEmail
    name = "enquiry_outbox"
    url_prefix = "enquiries/outbox"
    icon = "mail"
    menu_label = _("Email outbox")
    menu_order = 160
    add_to_admin_menu = True
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    filterset_class = OutboxFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    # Emails are written in bulk by workers: no usage tracking on every save.
    add_to_reference_index = False
    list_display = [
        "kind",
        "recipient",
        "status",
        "attempts",
        "due_at",
        "provider_message_id",
        "error",
        EnquiryColumn("enquiry", label=_("Enquiry")),
    ]
    ordering = ["-due_at"]
    list_per_page = 50
    # Message bodies are the patient's business: the enquiry page shows them to its people.
    inspect_view_fields = [
        "kind",
        "recipient",
        "language",
        "status",
        "subject",
        "attempts",
        "due_at",
        "claimed_at",
        "claimed_by",
        "sent_at",
        "provider_message_id",
        "delivery",
        "error",
        "cancel_reason",
        "alerted_at",
    ]

    def extra_urlpatterns(self):
        # Instead of editing: the two decisions.
        return [
            path("resend/<int:pk>/", decide("resend"), name="resend"),
            path("cancel/<int:pk>/", decide("cancel"), name="cancel"),
        ]


DECISIONS = [
    ("resend", _("Resend"), "redo", OutgoingEmail.RESENDABLE),
    ("cancel", _("Cancel"), "cross", OutgoingEmail.CANCELLABLE),
]


def decide(action: str):
    """The confirmation page (GET) and the decision (POST) to resend or cancel an email."""
    take = {"resend": outbox.resend, "cancel": outbox.cancel}[action]
    allowed = dict((name, statuses) for name, _label, _icon, statuses in DECISIONS)[action]

    def view(request, pk):
        if not is_manager(request.user):
            raise PermissionDenied
        email = get_object_or_404(OutgoingEmail.objects.select_related("enquiry"), pk=pk)
        index_url = reverse("enquiry_outbox:index")
        if email.status not in allowed:
            messages.error(request, gettext("This email can no longer be changed that way."))
            return redirect(index_url)
        if request.method == "POST":
            take(email.pk, request.user)
            done = {
                "resend": gettext("The email will be sent again."),
                "cancel": gettext("The email is cancelled."),
            }[action]
            messages.success(request, done)
            return redirect(index_url)
        return TemplateResponse(
            request,
            "enquiries/admin/outbox_confirm.html",
            {
                "email": email,
                "action": action,
                "may_have_arrived": email.status
                in (OutgoingEmail.Status.IN_DOUBT, OutgoingEmail.Status.NEEDS_DECISION),
                "index_url": index_url,
                "now": timezone.now(),
            },
        )

    return view
