from django.http import HttpResponse
from django.urls import path

from tourism_site.urls import urlpatterns as site_urlpatterns


def bare_view(request):
    """The floor: a view that does nothing, behind the site's own middleware."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare_view), *site_urlpatterns]
