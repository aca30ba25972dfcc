"""Per-market rules: what a language's pages may not show, where that market's law forbids
it. Germany's Heilmittelwerbegesetz (section 11(1) sentence 3) forbids before/after pictures
in advertising for cosmetic procedures without medical need, so German pages hide the
galleries unless an editor decides otherwise (the default is in settings).

Testimonials fall under the same rule, but the site publishes none: there is no testimonial
content to hide. A content type for them must obey this rule when it is added.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

CACHE_KEY = "pages:market-rules"


class MarketRule(models.Model):
    locale = models.OneToOneField(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
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

    class Meta:
        verbose_name = _("market rule")
        verbose_name_plural = _("market rules")

    def __str__(self):
        return str(self.locale)


def hides_before_after(language_code: str) -> bool:
    """Whether pages in this language hide before/after galleries: the editors' rule for the
    language, else the default (MARKETS_WITHOUT_BEFORE_AFTER)."""
    rules = cache.get(CACHE_KEY)
    if rules is None:
        rules = dict(MarketRule.objects.values_list("locale__language_code", "hide_before_after"))
        cache.set(CACHE_KEY, rules, None)
    return rules.get(language_code, language_code in settings.MARKETS_WITHOUT_BEFORE_AFTER)


@receiver([post_save, post_delete], sender=MarketRule)
def _forget(**kwargs):
    cache.delete(CACHE_KEY)
