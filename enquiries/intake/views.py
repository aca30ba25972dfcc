"""The patient's side: receive the form, say thank you. Thin: the work is in submissions.py."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

from .forms import EnquiryForm
from .submissions import submit_enquiry

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
        return TemplateResponse(request, page.get_template(request), context)

    enquiry, _created = submit_enquiry(form.cleaned_data, page_language=language)
    response = redirect("enquiries:thanks")
    response.set_signed_cookie(
        REFERENCE_COOKIE,
        enquiry.reference,
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
