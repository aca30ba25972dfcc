"""Filters and functions of the public templates (see tourism_site/jinja2.py)."""

import json
from functools import lru_cache

from django.utils.safestring import mark_safe
from wagtail.images.models import AbstractImage, Filter
from wagtail.rich_text import expand_db_html


def rich_text(value) -> str:
    """Wagtail's |richtext without its wrapper template, which costs a template render for
    each of a treatment page's nine rich-text sections."""
    return mark_safe(expand_db_html(value or ""))


def json_ld(data) -> str:
    """A schema.org object as a <script type="application/ld+json"> element.

    Escapes <, > and & like Django's json_script, so page text cannot close the script.
    """
    payload = (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003C")
        .replace(">", "\\u003E")
        .replace("&", "\\u0026")
    )
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@lru_cache(maxsize=64)
def rendition_filter(spec: str) -> Filter:
    # Parsing a spec (and Filter.get_cache_key's introspection) costs more than the
    # rendition lookup itself; a Filter holds nothing image-specific.
    return Filter(spec=spec)


def image(image: AbstractImage | None, spec: str, **attributes):
    """Wagtail's image() for Jinja2, reading the rendition from the cache without writing
    it back: Wagtail rewrites the cache entry on every use, a cache write per image on every
    page view (five per treatment page). A rendition not in the cache comes from Wagtail's
    get_rendition(), which finds or creates it and caches it."""
    if not image:
        return ""
    spec_filter = rendition_filter(spec)
    Rendition = image.get_rendition_model()
    key = Rendition.construct_cache_key(image, spec_filter.get_cache_key(image), spec_filter.spec)
    rendition = Rendition.cache_backend.get(key)
    if rendition is None:
        rendition = image.get_rendition(spec_filter)
    else:
        rendition.image = image
    return rendition.img_tag(attributes) if attributes else rendition


def language_list(codes) -> str:
    """Languages named in the page's language and joined the way it joins a list: "Arabic,
    English and Turkish", «العربية والإنجليزية والتركية» (one script, the right commas)."""
    from babel.lists import format_list
    from django.utils.translation import get_language, get_language_info, to_locale

    names = [get_language_info(code)["name_translated"] for code in codes]
    language = get_language()
    # The site's English is British: no serial comma.
    locale = "en_GB" if language == "en" else to_locale(language)
    return format_list(names, locale=locale)
