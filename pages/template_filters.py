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


def cached_renditions(image: AbstractImage, specs) -> dict:
    """{spec: rendition}, read from the cache in one call without writing them back: Wagtail
    rewrites a cache entry on every use, a cache write per image on every page view. When
    any is missing, Wagtail's get_renditions() finds or makes them (and caches them)."""
    Rendition = image.get_rendition_model()
    filters = {spec: rendition_filter(spec) for spec in specs}
    keys = {
        spec: Rendition.construct_cache_key(image, f.get_cache_key(image), f.spec)
        for spec, f in filters.items()
    }
    cached = Rendition.cache_backend.get_many(keys.values())
    if len(cached) < len(keys):
        made = image.get_renditions(*filters.values())
        return {spec: made[f.spec] for spec, f in filters.items()}
    renditions = {spec: cached[key] for spec, key in keys.items()}
    for rendition in renditions.values():
        rendition.image = image
    return renditions


def image(image: AbstractImage | None, spec: str, **attributes):
    """Wagtail's image() for Jinja2, through cached_renditions()."""
    if not image:
        return ""
    rendition = cached_renditions(image, [spec])[spec]
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
