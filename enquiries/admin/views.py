"""An enquiry's page in the admin: its details, history and emails, and the actions taken on
it there. The list is Wagtail's (enquiries.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import EnquiryPhoto
from ..privacy import access_log
from ..routing import assignment, handling
from . import conversation, history, quotes
from .forms import NoteForm, ReassignForm, StatusForm
from .permissions import can_use_enquiries, is_manager, visible_enquiries


def _require_access(request):
    if not can_use_enquiries(request.user):
        raise PermissionDenied


def detail(request, pk):
    _require_access(request)
    enquiry = _visible_or_denied(
        request,
        visible_enquiries(request.user).select_related("coordinator__user", "treatment"),
        pk,
    )
    access_log.record(request.user, access_log.Action.VIEWED, enquiry)
    form, replies = conversation.reply_form(request, enquiry)
    return TemplateResponse(
        request,
        "enquiries/admin/detail.html",
        {
            "enquiry": enquiry,
            "timeline": history.timeline(
                enquiry.events.select_related("actor", "coordinator__user")
            ),
            "emails": enquiry.emails.order_by("due_at", "pk").prefetch_related("events"),
            "status_form": StatusForm(initial={"status": enquiry.status}),
            "note_form": NoteForm(),
            "reassign_form": ReassignForm() if is_manager(request.user) else None,
            "conversation": conversation.entries(enquiry),
            "reply_form": form,
            "saved_replies": replies,
            "quote_form": quotes.QuoteForm(enquiry=enquiry),
            "quotes": enquiry.quotes.select_related("treatment", "created_by"),
        },
    )


def _visible_or_denied(request, queryset, pk):
    """Someone else's enquiry and a missing one get the same answer: nothing to learn."""
    _require_access(request)
    enquiry = queryset.filter(pk=pk).first()
    if enquiry is None:
        raise PermissionDenied
    return enquiry


def _visible_or_404(request, pk):
    return _visible_or_denied(request, visible_enquiries(request.user), pk)


@require_POST
def change_status(request, pk):
    enquiry = _visible_or_404(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        handling.change_status(
            enquiry.pk,
            form.cleaned_data["status"],
            request.user,
            form.cleaned_data["note"],
            treated_on=form.cleaned_data["treated_on"],
        )
        access_log.record(request.user, access_log.Action.CHANGED, enquiry, detail="status")
        messages.success(request, _("Status changed."))
    return redirect("enquiries_admin:detail", pk=enquiry.pk)


@require_POST
def add_note(request, pk):
    enquiry = _visible_or_404(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        handling.add_note(enquiry.pk, form.cleaned_data["text"], request.user)
        access_log.record(request.user, access_log.Action.CHANGED, enquiry, detail="note")
        messages.success(request, _("Note added."))
    return redirect("enquiries_admin:detail", pk=enquiry.pk)


@require_POST
def reassign(request, pk):
    if not is_manager(request.user):
        raise PermissionDenied
    enquiry = _visible_or_404(request, pk)
    form = ReassignForm(request.POST)
    if form.is_valid():
        assignment.reassign_to(
            enquiry.pk, form.cleaned_data["coordinator"], request.user, form.cleaned_data["reason"]
        )
        access_log.record(request.user, access_log.Action.CHANGED, enquiry, detail="reassigned")
        messages.success(request, _("Enquiry reassigned."))
    return redirect("enquiries_admin:detail", pk=enquiry.pk)


def photo(request, pk, photo_id):
    """A patient's photo, for the enquiry's coordinator and managers; for anyone else it does
    not exist (404). Served inline as an image, never cached, and logged."""
    _require_access(request)
    found = (
        EnquiryPhoto.objects.filter(pk=photo_id, enquiry__in=visible_enquiries(request.user))
        .select_related("enquiry")
        .filter(enquiry_id=pk)
        .first()
    )
    if found is None:
        raise Http404
    access_log.record(
        request.user, access_log.Action.VIEWED, found.enquiry, detail=f"photo {found.pk}"
    )
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response
