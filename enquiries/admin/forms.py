from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import Coordinator, Enquiry


class EnquiryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Enquiry.Status.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All")), *settings.LANGUAGES]
    )
    treatment = forms.CharField(label=_("Treatment"), required=False)
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"), required=False, queryset=Coordinator.objects.select_related("user")
    )
    unassigned = forms.BooleanField(label=_("Unassigned only"), required=False)
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            term = data["q"].strip()
            queryset = queryset.filter(
                Q(reference__iexact=term) | Q(full_name__icontains=term) | Q(email__iexact=term)
            )
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["language"]:
            queryset = queryset.filter(language=data["language"])
        if data["treatment"]:
            queryset = queryset.filter(treatment__title__icontains=data["treatment"])
        if data["coordinator"]:
            queryset = queryset.filter(coordinator=data["coordinator"])
        if data["unassigned"]:
            queryset = queryset.filter(coordinator__isnull=True)
        if data["received_from"]:
            queryset = queryset.filter(created_at__date__gte=data["received_from"])
        if data["received_to"]:
            queryset = queryset.filter(created_at__date__lte=data["received_to"])
        return queryset


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Enquiry.Status.choices)
    treated_on = forms.DateField(
        label=_("Treatment date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When marking it treated; today if left empty."),
    )
    note = forms.CharField(label=_("Why (optional)"), required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class ReassignForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"), queryset=Coordinator.objects.select_related("user")
    )
    reason = forms.CharField(label=_("Why (optional)"), required=False)
