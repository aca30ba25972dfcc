"""The managers' privacy screens: the access log (a read-only Wagtail ModelViewSet) and
patients' requests to see or erase their data. The patient's address is only ever posted,
never put in a URL, so it stays out of access logs and browser history."""

import json

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet

from tourism_site.read_only_viewsets import ReadOnlyViewSetMixin

from ..models import AccessLogEntry
from ..privacy import subject_requests
from .permissions import is_manager


class AccessLogFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=AccessLogEntry.Action.choices, empty_label=_("All")
    )
    username = django_filters.CharFilter(label=_("By"), lookup_expr="iexact")
    reference = django_filters.CharFilter(label=_("Reference"), lookup_expr="iexact")

    class Meta:
        model = AccessLogEntry
        fields = []


class AccessLogViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = AccessLogEntry
    name = "enquiry_access_log"
    url_prefix = "enquiries/access-log"
    icon = "history"
    menu_label = _("Access log")
    menu_order = 165
    add_to_admin_menu = True
    filterset_class = AccessLogFilterSet
    inspect_view_enabled = False
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = ["at", "username", "action", "reference", "detail"]
    ordering = ["-at"]
    list_per_page = 100


class PatientForm(forms.Form):
    email = forms.EmailField(label=_("Patient's email address"))
    confirm = forms.BooleanField(
        label=_("I understand that erasing cannot be undone."), required=False
    )


def patient_data(request):
    """Find a patient by address; download what is stored about them, or erase it."""
    if not is_manager(request.user):
        raise PermissionDenied
    form = PatientForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        action = request.POST.get("action")
        if action == "export":
            return download(subject_requests.export(address, request.user))
        if action == "erase":
            if form.cleaned_data["confirm"]:
                counts = subject_requests.erase(address, request.user)
                messages.success(
                    request,
                    gettext("Erased %(enquiries)d enquiries and %(emails)d emails.") % counts,
                )
                return redirect("enquiries_admin:patient_data")
            form.add_error("confirm", gettext("Tick the box to confirm the erasure."))
        context["summary"] = subject_requests.summary(address)
    return TemplateResponse(request, "enquiries/admin/patient_data.html", context)


def download(data: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    # No address in the file name: downloads are listed in browsers and on disks.
    response["Content-Disposition"] = 'attachment; filename="patient-data.json"'
    response["Cache-Control"] = "no-store"
    return response
