"""Untranslated copies are never published.

When a locale is added with "Sync from" English, wagtail-localize fills its tree with aliases
of the English pages, and Wagtail publishes an alias whenever its source is published: the new
language's site showed English pages, and went on re-publishing them. An alias in another
locale than its source is an untranslated copy, so it is kept a draft: the new language starts
with drafts (each with wagtail-localize's "Translate this page"), and a page goes live there
when its translation is published (that converts the alias into a page of its own).
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.models import Page


def is_untranslated_copy(page: Page) -> bool:
    if page.alias_of_id is None:
        return False
    source_locale_id = (
        Page.objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True).first()
    )
    return source_locale_id is not None and source_locale_id != page.locale_id


@receiver(pre_save)
def _keep_untranslated_copies_drafts(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live and is_untranslated_copy(instance):
        instance.live = False
        instance.has_unpublished_changes = True
