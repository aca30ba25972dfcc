from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from enquiries.messaging import webhooks
from pages import serving
from pages import views as page_views

from . import health

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", page_views.sitemap, name="sitemap"),
    path("robots.txt", page_views.robots_txt, name="robots_txt"),
    path("health/", health.health, name="health"),
    # The configured email provider's tracking webhook: /anymail/<provider>/tracking/
    path(
        "anymail/",
        include((webhooks.urlpatterns(settings.EMAIL_WEBHOOK_PROVIDERS), "anymail")),
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under a language prefix (/en/, /de/...); "/" is redirected by
# LocaleMiddleware to the best match of the browser's Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("enquiries.urls")),
    *[route for route in wagtail_urls.urlpatterns if route.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, serving.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
