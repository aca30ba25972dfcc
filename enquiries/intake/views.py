"""The patient's side: receive the form, say thank you. Thin: the work is in submissions.py,
and in spool.py when the database is down."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import Error as DatabaseError  # also InterfaceError: a connection lost
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Page

from pages.navigation import home_alternates

from ..models.enquiry import new_reference
from . import limits, markup, spool
from .forms import EnquiryForm
from .submissions import submit_enquiry

logger = logging.getLogger(__name__)

# The reference travels to the thank-you page in a signed cookie: not in the URL, and no
# session row to write for every enquiry.
REFERENCE_COOKIE = "enquiry_reference"
REFERENCE_MAX_AGE = 3600
TOO_MANY = _(
    "You have sent several enquiries in a short time. Please wait a few minutes, then send "
    "this one again: everything you typed is still here."
)
EXPIRED = _(
    "For your security this form expired before it was sent. Please check what you typed "
    "and send it again."
)


def form_page(page_id: int):
    """(language, treatment) of the live treatment or contact page the form was sent from;
    the treatment is the page itself, or None on a contact page."""
    from pages.models import ContactPage, TreatmentPage

    row = (
        Page.objects.live()
        .filter(pk=page_id)
        .values_list("content_type_id", "locale__language_code", "title")
        .first()
    )
    model = row and ContentType.objects.get_for_id(row[0]).model_class()
    if model not in (TreatmentPage, ContactPage):
        raise Http404
    _content_type, language, title = row
    if model is ContactPage:
        return language, None
    # Its other fields are deferred: read from the database only if something asks.
    known = {"id": page_id, "page_ptr_id": page_id, "title": title}
    names = [f.attname for f in TreatmentPage._meta.concrete_fields if f.attname in known]
    return language, TreatmentPage.from_db("default", names, [known[name] for name in names])


@require_http_methods(["GET", "POST"])
def submit(request):
    if request.method == "GET":
        # Reloading the page an error came back on (its address is the form's): go where
        # the form lives in this language, never to an empty "method not allowed".
        return redirect(form_page_url(translation.get_language()))
    # Made before the first attempt, so that an enquiry saved both directly and from the
    # spool (the database committed but the answer was lost) is saved once.
    reference = new_reference()
    try:
        return receive(request, reference)
    except DatabaseError:
        logger.warning("The database could not take an enquiry; trying the spool.")
        return receive_without_database(request, reference)


def form_page_url(language: str) -> str:
    from pages.models import ContactPage

    contact = ContactPage.objects.live().filter(locale__language_code=language).first()
    return contact.url if contact else f"/{language}/"


def receive(request, reference: str):
    try:
        page_id = int(request.POST.get("page", ""))
    except ValueError as error:
        raise Http404 from error
    language, treatment = form_page(page_id)
    form = EnquiryForm(request.POST, request.FILES, language_code=language, page=treatment)
    if form.is_spam():
        return redirect("enquiries:thanks")  # bots see success; nothing is saved
    if not form.is_valid():
        status = 429 if limits.count_refused(request) else 200
        return show_form(request, page_id, form, status)
    if limits.count_sent(request):
        form.add_error(None, TOO_MANY)
        return show_form(request, page_id, form, 429)

    enquiry, _created = submit_enquiry(
        form.cleaned_data, page_language=language, reference=reference
    )
    return thank_you(request, enquiry.reference)


def show_form(request, page_id: int, form: EnquiryForm, status: int):
    """The page the form was sent from, with the form as it was sent and its errors."""
    if status == 429 and not form.non_field_errors():
        form.add_error(None, TOO_MANY)
    page = Page.objects.get(pk=page_id).specific
    context = page.get_context(request)
    context["enquiry_form"] = form
    # Rendered here, so that a database error while rendering is caught in submit().
    return TemplateResponse(request, page.get_template(request), context, status=status).render()


def receive_without_database(request, reference: str):
    """The database is down: spool the enquiry, or give the form back with what was typed.

    Only what needs no database: the language comes from the URL, and the treatment is
    checked when the spooled enquiry is saved."""
    language = translation.get_language()
    form = EnquiryForm(request.POST, language_code=language, offline=True)
    if form.is_spam():
        return redirect("enquiries:thanks")
    unavailable = False
    if not form.is_valid():
        status = 429 if limits.count_refused(request) else 200
    elif limits.count_sent(request):
        status = 429
    elif spool.keep(form.cleaned_data, language, reference):
        return thank_you(request, reference)
    else:
        status, unavailable = 503, True
    if status == 429:
        form.add_error(None, TOO_MANY)
    return show_form_offline(request, form, language, status, unavailable)


def show_form_offline(request, form, language: str, status: int, unavailable=False):
    html = markup.render_offline(form, request.POST.get("page", ""), language, request)
    response = render(
        request,
        "enquiries/try_again.html",
        {"form_html": html, "unavailable": unavailable},
        status=status,
    )
    if unavailable:
        response["Retry-After"] = "60"
    return response


def give_back_after_csrf_failure(request):
    """The form failed Django's CSRF check (its token expired, or cookies were cleared):
    the page again, in its language, with what the patient typed and a fresh token."""
    try:
        page_id = int(request.POST.get("page", ""))
    except ValueError as error:
        raise Http404 from error
    try:
        language, treatment = form_page(page_id)
        form = EnquiryForm(request.POST, request.FILES, language_code=language, page=treatment)
        form.is_valid()
        form.add_error(None, EXPIRED)
        return show_form(request, page_id, form, 403)
    except DatabaseError:
        language = translation.get_language()
        form = EnquiryForm(request.POST, language_code=language, offline=True)
        form.is_valid()
        form.add_error(None, EXPIRED)
        return show_form_offline(request, form, language, 403)


def thank_you(request, reference: str):
    response = redirect("enquiries:thanks")
    response.set_signed_cookie(
        REFERENCE_COOKIE,
        reference,
        max_age=REFERENCE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@require_GET
def thanks(request):
    reference = request.get_signed_cookie(REFERENCE_COOKIE, default=None, max_age=REFERENCE_MAX_AGE)
    return render(
        request,
        "enquiries/thanks.html",
        {
            "reference": reference,
            "alternates": home_alternates(translation.get_language(), "enquiries:thanks"),
        },
    )
