"""The patient's side: receive the form, say thank you. Thin: the work is in submissions.py."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

from .forms import EnquiryForm
from .submissions import submit_enquiry

SESSION_KEY = "enquiry_reference"


def enquiry_page(page_id) -> Page:
    """The treatment or contact page the form was sent from."""
    from pages.models import ContactPage, TreatmentPage

    page = Page.objects.live().filter(pk=page_id).select_related("locale").first()
    if page is None or page.specific_class not in (TreatmentPage, ContactPage):
        raise Http404
    return page.specific


@require_POST
def submit(request):
    try:
        page = enquiry_page(int(request.POST.get("page", "")))
    except ValueError as error:
        raise Http404 from error
    language = page.locale.language_code
    if is_ratelimited(
        request, group="enquiries", key="ip", rate=settings.ENQUIRY_RATE_LIMIT, increment=True
    ):
        return render(request, "enquiries/rate_limited.html", {"page": page}, status=429)

    form = EnquiryForm(request.POST, language_code=language)
    if form.is_spam():
        return redirect("enquiries:thanks")  # bots see success; nothing is saved
    if not form.is_valid():
        context = page.get_context(request)
        context["enquiry_form"] = form
        return TemplateResponse(request, page.get_template(request), context)

    enquiry, _created = submit_enquiry(form.cleaned_data, page_language=language)
    # The reference travels in the session, not the URL.
    request.session[SESSION_KEY] = enquiry.reference
    return redirect("enquiries:thanks")


@require_GET
def thanks(request):
    return render(request, "enquiries/thanks.html", {"reference": request.session.get(SESSION_KEY)})
