"""Filters of the public templates (see tourism_site/jinja2.py)."""

import json

from django.utils.safestring import mark_safe
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
