from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Coordinator, Enquiry


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
