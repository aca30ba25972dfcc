"""The Jinja2 environment of the public site (pages, enquiry form, error pages).

Visitors' pages use Jinja2 because it compiles templates to Python: a treatment page's
template renders in about half the time Django's template language takes, which matters for
the page-speed budget (docs/performance.md). The Wagtail admin and the emails keep Django
templates.

Translatable strings are written `_("...")`, with `|format(name=...)` for placeholders,
either at the start of a {{ }} or inside a {% %} tag: the forms Django's makemessages also
finds in these files (tests/test_locale_files.py checks it missed none).
"""

from django.conf import settings
from django.template.defaultfilters import date, linebreaksbr
from django.templatetags.i18n import language_name_local
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment

from enquiries.intake.markup import enquiry_form_html
from pages import navigation
from pages.models.contacts import contact_for
from pages.template_filters import image, json_ld, language_list, rich_text
from tourism_site.languages import local_digits


def local_date(value, arg=None) -> str:
    """Django's |date, in the digits of the page's language (Persian: ۱۴ سپتامبر ۲۰۲۶)."""
    return local_digits(date(value, arg))


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args, kwargs=kwargs)


def environment(**options) -> Environment:
    env = Environment(**options)
    # Old-style gettext returns plain strings, so `_("... %(name)s")|format(name=...)` works
    # and placeholders are escaped like any other value.
    env.install_gettext_translations(translation, newstyle=False)
    env.globals.update(
        static=static,
        url=url,
        get_language=translation.get_language,
        get_language_bidi=translation.get_language_bidi,
        site_name=settings.WAGTAIL_SITE_NAME,
        image=image,  # replaces Wagtail's, see pages/template_filters.py
        enquiry_form_html=enquiry_form_html,
        navigation=lambda: navigation.for_language(translation.get_language()),
        home_alternates=navigation.home_alternates,
        language_contact=lambda: contact_for(translation.get_language()),
    )
    env.filters.update(
        date=local_date,
        machine_date=date,  # for values a program reads (an <input type="date">)
        linebreaksbr=linebreaksbr,
        language_name_local=language_name_local,
        language_list=language_list,
        rich_text=rich_text,
        json_ld=json_ld,
    )
    return env
