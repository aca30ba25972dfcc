"""Filters and functions of the public templates (see tourism_site/jinja2.py)."""

import json
import time
from functools import lru_cache

from django.utils.safestring import mark_safe
from wagtail.images.models import AbstractImage, AbstractRendition, Filter
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


# Renditions each process has read, with when to read them again. Under one key a
# rendition never changes (Wagtail's keys hold the image's file hash, its focal point and the
# spec), so keeping it only saves what reading it costs on every page view: a cache round
# trip and an unpickled model per image. Kept no longer than a page stays in the page cache,
# which holds the same URLs: a purge of renditions (wagtail_update_image_renditions) deletes
# their files under the same keys.
KEPT_SECONDS = 600
KEPT_MAX = 4096
_kept: dict[str, tuple[float, AbstractRendition]] = {}


def forget_kept_renditions() -> None:
    _kept.clear()


def cached_renditions(image: AbstractImage, specs) -> dict:
    """{spec: rendition}: kept by this process, or read from the cache in one call without
    writing them back (Wagtail rewrites a cache entry on every use, a cache write per image
    on every page view). When any is missing, Wagtail's get_renditions() finds or makes them
    (and caches them)."""
    Rendition = image.get_rendition_model()
    filters = {spec: rendition_filter(spec) for spec in specs}
    keys = {
        spec: Rendition.construct_cache_key(image, f.get_cache_key(image), f.spec)
        for spec, f in filters.items()
    }
    now = time.monotonic()
    renditions = {}
    for spec, key in keys.items():
        kept = _kept.get(key)
        if kept is not None and kept[0] > now:
            renditions[spec] = kept[1]
    missing = {spec: key for spec, key in keys.items() if spec not in renditions}
    if missing:
        cached = Rendition.cache_backend.get_many(missing.values())
        if len(cached) < len(missing):
            made = image.get_renditions(*(filters[spec] for spec in missing))
            cached = {key: made[filters[spec].spec] for spec, key in missing.items()}
        if len(_kept) >= KEPT_MAX:
            _kept.clear()
        for spec, key in missing.items():
            renditions[spec] = cached[key]
            _kept[key] = (now + KEPT_SECONDS, cached[key])
    for rendition in renditions.values():
        rendition.image = image
    return renditions


def image(image: AbstractImage | None, spec: str, **attributes):
    """Wagtail's image() for Jinja2, through cached_renditions(); a kept rendition also
    keeps the <img> tags made from it (Django's attribute formatting, on every view)."""
    if not image:
        return ""
    rendition = cached_renditions(image, [spec])[spec]
    if not attributes:
        return rendition
    tags = rendition.__dict__.setdefault("_img_tags", {})
    attributes_key = tuple(sorted(attributes.items()))
    tag = tags.get(attributes_key)
    if tag is None:
        tag = tags[attributes_key] = rendition.img_tag(attributes)
    return tag


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
