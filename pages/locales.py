from django.conf import settings
from wagtail.models import Locale


def ensure_site_locales() -> None:
    """One Wagtail locale per site language, so editors can translate into each of them."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
