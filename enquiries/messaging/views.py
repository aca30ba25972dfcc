"""The patient's unsubscribe page. Thin: the work is in unsubscribe.py."""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import unsubscribe as unsubscribing


# Exempt from CSRF: mail programs post here for one-click unsubscribe (RFC 8058) without a
# form; the signed token is what authorises the request. A GET only asks for confirmation,
# so that link checkers opening the URL unsubscribe nobody.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    enquiry = unsubscribing.enquiry_for_token(token)
    if enquiry is None:
        return render(request, "enquiries/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        unsubscribing.unsubscribe(enquiry)
        return render(request, "enquiries/unsubscribe.html", {"done": True})
    return render(request, "enquiries/unsubscribe.html", {"done": enquiry.unsubscribed_at})
