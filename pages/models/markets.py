"""Per-market rules: what a language's pages may not show, where that market's law forbids
it. Germany's Heilmittelwerbegesetz (section 11(1) sentence 3) forbids before/after pictures
in advertising for cosmetic procedures without medical need, so German pages hide the
galleries unless an editor decides otherwise (the default is in settings).

Testimonials fall under the same rule, but the site publishes none: there is no testimonial
content to hide. A content type for them must obey this rule when it is added.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .per_language import PerLanguage


class MarketRule(PerLanguage):
    hide_before_after = models.BooleanField(
        _("hide before/after galleries"),
        help_text=_("For markets that forbid before/after pictures for cosmetic procedures."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=200,
        blank=True,
        help_text=_("For example: HWG § 11 Abs. 1 Satz 3 (Germany)."),
    )

    cache_key = "pages:market-rules"

    class Meta:
        verbose_name = _("market rule")
        verbose_name_plural = _("market rules")


def hides_before_after(language_code: str) -> bool:
    """Whether pages in this language hide before/after galleries: the editors' rule for the
    language, else the default (MARKETS_WITHOUT_BEFORE_AFTER)."""
    rule = MarketRule.by_language().get(language_code)
    if rule is None:
        return language_code in settings.MARKETS_WITHOUT_BEFORE_AFTER
    return rule.hide_before_after
