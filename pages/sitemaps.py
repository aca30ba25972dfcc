"""sitemap.xml: every published page in every language, each with its hreflang alternates."""

from collections import defaultdict

from django.conf import settings
from django.utils.encoding import iri_to_uri
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().select_related("locale").order_by("path")

    def _urls(self, page, protocol, domain):
        object_list = list(self.paginator.page(page).object_list)
        by_translation_key = defaultdict(list)
        for item in object_list:
            by_translation_key[item.translation_key].append(item)

        urls = []
        for item in object_list:
            alternates = [
                {"lang_code": other.locale.language_code, "location": self._location(other)}
                for other in by_translation_key[item.translation_key]
            ]
            default = next(
                (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if default:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
            urls.append(
                {
                    "item": item,
                    "location": self._location(item),
                    "lastmod": item.last_published_at,
                    "alternates": alternates,
                }
            )
        return urls

    def _location(self, page):
        return iri_to_uri(page.get_full_url(self.request))
