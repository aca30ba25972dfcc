"""Key facts of a treatment, worded for readers in the active language."""

from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext as _

from tourism_site.languages import local_digits


def format_range(low: int, high: int) -> str:
    low_text, high_text = local_digits(str(low)), local_digits(str(high))
    if low == high:
        return low_text
    if get_language_bidi():
        # Isolated left-to-right, or Arabic and Persian text shows "15–30" as "30–15".
        return f"\u2066{low_text}–{high_text}\u2069"
    return f"{low_text}–{high_text}"


def minutes(low: int, high: int) -> str:
    return ngettext("%(range)s minute", "%(range)s minutes", high) % {
        "range": format_range(low, high)
    }


def days(low: int, high: int) -> str:
    if high == 0:
        return _("None: back to normal activities the same day")
    return ngettext("%(range)s day", "%(range)s days", high) % {"range": format_range(low, high)}


def months(low: int, high: int) -> str:
    return ngettext("%(range)s month", "%(range)s months", high) % {
        "range": format_range(low, high)
    }


def results_time(low: int, high: int) -> str:
    if high == 0:
        return _("Immediately")
    if low == 0:
        return ngettext(
            "Immediately, settling within %(count)s day",
            "Immediately, settling within %(count)s days",
            high,
        ) % {"count": high}
    return days(low, high)


def effect_duration(page) -> str:
    if not page.has_effect_duration:
        return _("Permanent")
    return months(page.effect_months_min, page.effect_months_max)


# Worded to run on inside a sentence, for email templates ("Results usually show
# {time_to_results}, and the effect lasts {effect_duration}."), where the key-fact labels
# above ("Immediately", "Permanent") would not read.


def results_time_in_text(low: int, high: int) -> str:
    if high == 0:
        return _("straight away")
    if low == 0:
        return ngettext(
            "straight away, settling within %(count)s day",
            "straight away, settling within %(count)s days",
            high,
        ) % {"count": high}
    return ngettext("after %(range)s day", "after %(range)s days", high) % {
        "range": format_range(low, high)
    }


def effect_duration_in_text(page) -> str:
    if not page.has_effect_duration:
        return _("permanently")
    return ngettext("for %(range)s month", "for %(range)s months", page.effect_months_max) % {
        "range": format_range(page.effect_months_min, page.effect_months_max)
    }


def key_facts(page) -> list[tuple[str, str]]:
    return [
        (_("Session length"), minutes(page.session_minutes_min, page.session_minutes_max)),
        (_("Effect lasts"), effect_duration(page)),
        (_("Results visible"), results_time(page.results_days_min, page.results_days_max)),
        (_("Downtime"), days(page.downtime_days_min, page.downtime_days_max)),
        (_("Stay in Turkey"), days(page.stay_days_min, page.stay_days_max)),
        (_("Anaesthesia"), page.get_anaesthesia_display()),
    ]
