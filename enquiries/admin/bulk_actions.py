"""Managers' bulk actions on the enquiries list: reassign, and change the status, of the
enquiries ticked. Each enquiry goes through the same service as on its page, so the history,
emails and SLA clock follow as they would one by one."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from ..models import Coordinator, Enquiry
from ..privacy import access_log
from ..routing import assignment, handling
from .permissions import is_manager


class EnquiryBulkAction(BulkAction):
    models = [Enquiry]
    template_name = "enquiries/admin/bulk_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        # Only managers; and never a list of others' references to anyone else.
        if not is_manager(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return is_manager(self.request.user)

    def object_context(self, obj):
        return {"item": obj}

    def get_execution_context(self):
        return {"user": self.request.user, **self.cleaned_form.cleaned_data}


class ReassignForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"), queryset=Coordinator.objects.select_related("user")
    )
    reason = forms.CharField(label=_("Why (optional)"), required=False)


class ReassignBulkAction(EnquiryBulkAction):
    display_name = _("Reassign")
    action_type = "reassign"
    aria_label = _("Reassign the selected enquiries")
    action_priority = 10
    form_class = ReassignForm

    @classmethod
    def execute_action(cls, objects, user=None, coordinator=None, reason="", **kwargs):
        for enquiry in objects:
            assignment.reassign_to(enquiry.pk, coordinator, user, reason)
        access_log.record_many(user, access_log.Action.CHANGED, objects, detail="reassigned")
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d enquiry reassigned to %(coordinator)s.",
            "%(count)d enquiries reassigned to %(coordinator)s.",
            num_parent_objects,
        ) % {
            "count": num_parent_objects,
            "coordinator": self.cleaned_form.cleaned_data["coordinator"],
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Enquiry.Status.choices)
    note = forms.CharField(label=_("Why (optional)"), required=False)


class ChangeStatusBulkAction(EnquiryBulkAction):
    display_name = _("Change status")
    action_type = "change_status"
    aria_label = _("Change the status of the selected enquiries")
    action_priority = 20
    form_class = StatusForm

    @classmethod
    def execute_action(cls, objects, user=None, status=None, note="", **kwargs):
        for enquiry in objects:
            handling.change_status(enquiry.pk, status, user, note)
        access_log.record_many(user, access_log.Action.CHANGED, objects, detail="status")
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d enquiry changed to “%(status)s”.",
            "%(count)d enquiries changed to “%(status)s”.",
            num_parent_objects,
        ) % {
            "count": num_parent_objects,
            "status": Enquiry.Status(self.cleaned_form.cleaned_data["status"]).label,
        }
