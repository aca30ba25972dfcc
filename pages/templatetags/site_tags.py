import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def json_ld(data) -> str:
    """A schema.org object as a <script type="application/ld+json"> element.

    Escapes <, > and & like Django's json_script, so page text cannot close the script.
    """
    payload = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
