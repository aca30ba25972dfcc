"""The conversation on an enquiry's page: every email to and from the patient in full, in
order; the reply form, started from a saved reply in the patient's language; and the
download of a patient's attachment, for the enquiry's own people only (and logged)."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..models import Enquiry, InboundAttachment, OutgoingEmail, SavedReply
from ..privacy import access_log
from ..routing import handling
from .permissions import visible_enquiries


class ReplyForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
        help_text=_("Placeholders such as {first_name} are filled in when it is sent."),
    )


@dataclass(frozen=True)
class Entry:
    at: datetime
    incoming: bool
    item: object  # an OutgoingEmail or an InboundMessage


def entries(enquiry: Enquiry) -> list[Entry]:
    outgoing = enquiry.emails.filter(kind__in=OutgoingEmail.PATIENT_KINDS).select_related("sent_by")
    incoming = enquiry.inbound_messages.prefetch_related("attachments")
    timeline = [Entry(email.sent_at or email.due_at, False, email) for email in outgoing]
    timeline += [Entry(message.received_at, True, message) for message in incoming]
    return sorted(timeline, key=lambda entry: entry.at)


def saved_replies(enquiry: Enquiry) -> list[SavedReply]:
    """The saved replies in the patient's language, and in English those not translated."""
    replies = {}
    for reply in SavedReply.objects.filter(
        locale__language_code__in=["en", enquiry.language]
    ).select_related("locale"):
        if reply.translation_key not in replies or reply.locale.language_code == enquiry.language:
            replies[reply.translation_key] = reply
    return sorted(replies.values(), key=lambda reply: reply.title)


def reply_form(request, enquiry: Enquiry) -> tuple[ReplyForm, list[SavedReply]]:
    """The form, filled from the saved reply chosen (?saved_reply=<id>) if any."""
    replies = saved_replies(enquiry)
    chosen = next((r for r in replies if str(r.pk) == request.GET.get("saved_reply")), None)
    initial = {"subject": chosen.subject, "body": chosen.body} if chosen else {}
    return ReplyForm(initial=initial), replies


def own_enquiry(request, pk) -> Enquiry:
    # Someone else's enquiry and a missing one: the same answer.
    enquiry = visible_enquiries(request.user).filter(pk=pk).first()
    if enquiry is None:
        raise PermissionDenied
    return enquiry


@require_POST
def reply(request, pk):
    enquiry = own_enquiry(request, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        handling.send_reply(
            enquiry.pk, form.cleaned_data["subject"], form.cleaned_data["body"], request.user
        )
        access_log.record(request.user, access_log.Action.CHANGED, enquiry, detail="reply")
        messages.success(request, gettext("Your reply is on its way."))
    else:
        messages.error(request, gettext("The reply needs a subject and a message."))
    return redirect("enquiries_admin:detail", pk=enquiry.pk)


def attachment(request, pk, attachment_id):
    enquiry = own_enquiry(request, pk)
    found = InboundAttachment.objects.filter(pk=attachment_id, message__enquiry=enquiry).first()
    if found is None:
        raise Http404
    access_log.record(
        request.user, access_log.Action.VIEWED, enquiry, detail=f"attachment {found.pk}"
    )
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.filename,
        content_type="application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
