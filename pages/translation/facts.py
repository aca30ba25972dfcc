"""Facts reach every language when the English page is published, without publishing text.

wagtail-localize copies synchronised fields into a translation only when that translation is
published, so a changed number waited behind untranslated sentences: the Arabic page and its
emails kept the old effect duration while the reminders had moved. Facts (each page model's
`fact_fields`) are therefore written straight into the live row and the latest draft of every
translation; publishing a translation later takes them again from its source.
"""

from django.conf import settings
from django.db.models import ForeignKey
from django.dispatch import receiver
from wagtail.models import Page, TranslatableMixin
from wagtail.signals import page_published


def fact_values(source: Page, locale) -> dict:
    """The source's facts for a translation in `locale`; a link to a translatable object
    (the reviewing practitioner, the clinic) points at its translation where there is one."""
    values = {}
    for name in source.fact_fields:
        field = source._meta.get_field(name)
        value = getattr(source, name)
        if isinstance(field, ForeignKey):
            if value is not None and issubclass(field.related_model, TranslatableMixin):
                value = value.get_translation_or_none(locale) or value
            values[field.attname] = value.pk if value is not None else None
        else:
            values[name] = value
    return values


def _write(translation: Page, values: dict) -> None:
    type(translation).objects.filter(pk=translation.pk).update(**values)
    # So that the editor (and a later publish of that draft) shows the same facts.
    draft = translation.latest_revision
    if draft is not None:
        page = draft.as_object()
        for name, value in values.items():
            setattr(page, name, value)
        draft.content = page.serializable_data()
        draft.save(update_fields=["content"])


def _write_gallery_images(source: Page, translation: Page | None = None) -> None:
    """Gallery photos are facts too (their captions stay translated): each English item's
    photos into its translations, all of them or the one page's."""
    if not hasattr(source, "gallery_items"):
        return
    for item in source.gallery_items.all():
        copies = type(item).objects.filter(translation_key=item.translation_key).exclude(pk=item.pk)
        if translation is not None:
            copies = copies.filter(page=translation)
        copies.update(before_image_id=item.before_image_id, after_image_id=item.after_image_id)


def push_facts(source: Page) -> int:
    """Write the source page's facts into each of its translations; returns how many."""
    translations = source.get_translations().specific().select_related("locale")
    for translation in translations:
        _write(translation, fact_values(source, translation.locale))
    _write_gallery_images(source)
    return len(translations)


def pull_facts(translation: Page) -> None:
    source = (
        type(translation)
        .objects.filter(
            translation_key=translation.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
            live=True,
        )
        .first()
    )
    if source is not None:
        _write(translation, fact_values(source, translation.locale))
        _write_gallery_images(source, translation)


@receiver(page_published)
def _keep_facts_in_step(sender, instance, **kwargs):
    if not getattr(instance, "fact_fields", None):
        return
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        push_facts(instance)
    else:
        pull_facts(instance)
