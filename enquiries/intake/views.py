"""The patient's side: receive the form, say thank you. Thin: the work is in submissions.py,
and in spool.py when the database is down."""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import Error as DatabaseError  # also InterfaceError: a connection lost
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

from ..models.enquiry import new_reference
from . import markup, spool
from .forms import EnquiryForm
from .submissions import submit_enquiry

logger = logging.getLogger(__name__)

# The reference travels to the thank-you page in a signed cookie: not in the URL, and no
# session row to write for every enquiry.
REFERENCE_COOKIE = "enquiry_reference"
REFERENCE_MAX_AGE = 3600


def enquiry_page_language(page_id: int) -> str:
    """The language of the live treatment or contact page the form was sent from."""
    from pages.models import ContactPage, TreatmentPage

    row = (
        Page.objects.live()
        .filter(pk=page_id)
        .values_list("content_type_id", "locale__language_code")
        .first()
    )
    if row is None or ContentType.objects.get_for_id(row[0]).model_class() not in (
        TreatmentPage,
        ContactPage,
    ):
        raise Http404
    return row[1]


@require_POST
def submit(request):
    # Made before the first attempt, so that an enquiry saved both directly and from the
    # spool (the database committed but the answer was lost) is saved once.
    reference = new_reference()
    try:
        return receive(request, reference)
    except DatabaseError:
        logger.warning("The database could not take an enquiry; trying the spool.")
        return receive_without_database(request, reference)


def receive(request, reference: str):
    try:
        page_id = int(request.POST.get("page", ""))
    except ValueError as error:
        raise Http404 from error
    language = enquiry_page_language(page_id)
    if is_ratelimited(
        request, group="enquiries", key="ip", rate=settings.ENQUIRY_RATE_LIMIT, increment=True
    ):
        return render(request, "enquiries/rate_limited.html", status=429)

    form = EnquiryForm(request.POST, language_code=language)
    if form.is_spam():
        return redirect("enquiries:thanks")  # bots see success; nothing is saved
    if not form.is_valid():
        page = Page.objects.get(pk=page_id).specific
        context = page.get_context(request)
        context["enquiry_form"] = form
        # Rendered here, so that a database error while rendering is caught in submit().
        return TemplateResponse(request, page.get_template(request), context).render()

    enquiry, _created = submit_enquiry(
        form.cleaned_data, page_language=language, reference=reference
    )
    return thank_you(request, enquiry.reference)


def receive_without_database(request, reference: str):
    """The database is down: spool the enquiry, or give the form back with what was typed.

    Only what needs no database: the language comes from the URL, and the treatment is
    checked when the spooled enquiry is saved."""
    language = translation.get_language()
    if not hasattr(request, "limited") and is_ratelimited(
        request, group="enquiries", key="ip", rate=settings.ENQUIRY_RATE_LIMIT, increment=True
    ):
        return render(request, "enquiries/rate_limited.html", status=429)
    form = EnquiryForm(request.POST, language_code=language, offline=True)
    if form.is_spam():
        return redirect("enquiries:thanks")
    if form.is_valid():
        if spool.keep(form.cleaned_data, language, reference):
            return thank_you(request, reference)
        status, unavailable = 503, True
    else:
        status, unavailable = 200, False
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
    return render(request, "enquiries/thanks.html", {"reference": reference})
