"""Serving pages in a fixed, small number of queries, the same in every language.

Wagtail's own routing walks the tree one level at a time (a query per level, plus one per
`.specific`) and first looks up the language's home page, so the query count grows with a
page's depth and differs between English and the translations. Here the whole path is found
in one query by its url_path within the active language's tree (known from Wagtail's cached
site root paths); Wagtail's serve() then runs with that route, so its hooks (view
restrictions, before_serve_page) and anything unusual (routable pages) behave as before.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve


def find_route(request, path: str):
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = translation.get_language()
    root = next(
        (
            root
            for root in Site.get_site_root_paths()
            if root.site_id == site.pk and root.language_code == language
        ),
        None,
    )
    if root is None:
        return None
    url_path = root.root_path + "".join(f"{part}/" for part in path.split("/") if part)
    match = (
        Page.objects.filter(url_path=url_path, locale__language_code=language, live=True)
        .values_list("pk", "content_type_id")
        .first()
    )
    if match is None:
        return None
    page_id, content_type_id = match
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.select_related("locale").get(pk=page_id)
    return page.route(request, [])


def serve(request, path: str):
    route = find_route(request, path)
    if route is not None:
        # Wagtail's documented per-request cache of the route: serve() uses it as is.
        request._wagtail_route_for_request = route
    return wagtail_serve(request, path)
