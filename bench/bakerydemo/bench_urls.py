# Same routes as bakerydemo/urls.py with DEBUG=False, minus "__debug__/":
# importing debug_toolbar.urls loads its template panel, which monkeypatches
# Template._render (instrumented_test_render) -> django.test.Client would then
# copy every template context, distorting render timings.
from bakerydemo.api import api_router
from bakerydemo.search import views as search_views
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView


def bare(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/bare/", bare),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    re_path(
        r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$",
        ServeView.as_view(),
        name="wagtailimages_serve",
    ),
    path("search/", search_views.search, name="search"),
    path("sitemap.xml", sitemap),
    path("api/v2/", api_router.urls),
    path("", include(wagtail_urls)),
]
