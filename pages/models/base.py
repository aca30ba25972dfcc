"""Behaviour every page shares: its published translations, for hreflang and the switcher."""

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Page

from tourism_site.languages import is_rtl, native_name

from ..localize_workarounds import FreshNumchildMixin

LANGUAGE_ORDER = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}


@dataclass(frozen=True)
class Alternate:
    language_code: str
    url: str
    full_url: str
    name: str
    is_current: bool


class SitePage(FreshNumchildMixin, Page):
    """Abstract base of the site's pages."""

    class Meta:
        abstract = True

    @property
    def language_code(self) -> str:
        return self.locale.language_code

    @property
    def is_rtl(self) -> bool:
        return is_rtl(self.language_code)

    def get_alternates(self, request=None) -> list[Alternate]:
        """Published translations of this page (itself included), in the site's language order.

        One query whatever the number of languages: URLs come from Wagtail's per-request cache
        of site root paths.
        """
        translations = (
            Page.objects.filter(translation_key=self.translation_key)
            .live()
            .select_related("locale")
            .only("id", "url_path", "locale__language_code")
        )
        alternates = []
        for page in translations:
            url_parts = page.get_url_parts(request)
            if not url_parts or url_parts[2] is None:
                continue
            _site_id, root_url, relative_url = url_parts
            code = page.locale.language_code
            alternates.append(
                Alternate(
                    language_code=code,
                    url=relative_url,
                    full_url=root_url + relative_url,
                    name=native_name(code),
                    is_current=page.pk == self.pk,
                )
            )
        alternates.sort(key=lambda alternate: LANGUAGE_ORDER.get(alternate.language_code, 99))
        return alternates

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        alternates = self.get_alternates(request)
        context["alternates"] = alternates
        # x-default points at the source-language version: the page for everyone else.
        context["x_default"] = next(
            (a for a in alternates if a.language_code == settings.LANGUAGE_CODE), None
        )
        context["canonical_url"] = next((a.full_url for a in alternates if a.is_current), None)
        return context
