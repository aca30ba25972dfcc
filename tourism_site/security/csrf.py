"""CSRF_FAILURE_VIEW: Django's own page is English and technical, and loses the form.

The enquiry form comes back with what the patient typed (enquiries/intake/views.py); any
other refused form gets a short page in the visitor's language (templates/403_csrf.html).
"""

from django.http import Http404
from django.shortcuts import render

from enquiries.intake.views import give_back_after_csrf_failure


def csrf_failure(request, reason=""):
    match = request.resolver_match
    if match is not None and match.view_name == "enquiries:submit":
        try:
            return give_back_after_csrf_failure(request)
        except Http404:
            pass
    return render(request, "403_csrf.html", status=403)
