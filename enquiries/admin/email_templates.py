"""Editors' screens for the patient email templates (a snippet per kind and language, with
the placeholders listed under the form and a preview filled from a made-up enquiry in the
template's language) and for the saved replies coordinators start from (translated the same
way).

wagtail-localize's translation editor offers a preview only for pages (its previewModes are
empty for snippets, and its preview view answers 404 for them). For email templates the editor
gets one: a Preview button that shows the translation being edited, its translated segments
applied (untranslated ones in the source language), in the translation's language.
"""

import html
import json
import re

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.utils.decorators import xframe_options_sameorigin_override
from wagtail_localize.models import Translation
from wagtail_localize.wagtail_hooks import before_edit_snippet as localize_before_edit_snippet

from ..models import EmailTemplate, SavedReply
from ..models.placeholders import placeholder_help

TRANSLATION_PREVIEW = "preview_translation"
# The translation editor's props, in its template: <div ... data-props="{{ props }}">.
EDITOR_PROPS = re.compile(r'(<div class="js-translation-editor" data-props=")([^"]*)(")')


class EmailTemplateViewSet(SnippetViewSet):
    model = EmailTemplate
    icon = "mail"
    menu_label = _("Email templates")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["kind", "subject", "locale"]
    list_filter = ["kind", "locale"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("subject"),
        FieldPanel("body"),
        HelpPanel(content=placeholder_help(), heading=_("Placeholders")),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "translation/<int:translation_id>/preview/",
                self.translation_preview_view,
                name=TRANSLATION_PREVIEW,
            ),
        ]

    @property
    def translation_preview_view(self):
        return xframe_options_sameorigin_override(self.preview_translation)

    def preview_translation(self, request, translation_id):
        """The translation being edited in wagtail-localize's editor, as a patient would read
        it in its language (its saved strings applied to the source; missing ones in the
        source language), filled from a made-up enquiry."""
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        translation = get_object_or_404(
            Translation.objects.select_related("source", "target_locale"), pk=translation_id
        )
        if translation.source.specific_content_type.model_class() is not EmailTemplate:
            raise Http404
        try:
            template = translation.source.get_ephemeral_translated_instance(
                translation.target_locale, fallback=True
            )
        except ObjectDoesNotExist as error:
            raise Http404 from error
        return template.make_preview_request(request, template.default_preview_mode)


def translation_preview_url(translation: Translation) -> str:
    url_name = EmailTemplate.snippet_viewset.get_url_name(TRANSLATION_PREVIEW)
    return reverse(url_name, args=[translation.pk])


def edit_translation_with_preview(request, instance):
    """The before_edit_snippet hook: wagtail-localize's translation editor for a translated
    email template, with a Preview button (previewModes) that the editor shows for pages only."""
    if not isinstance(instance, EmailTemplate):
        return None
    response = localize_before_edit_snippet(request, instance)
    if response is None or response.status_code != 200 or request.method != "GET":
        return response
    translation = Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).first()
    if translation is not None:
        response.content = with_preview_modes(
            response.content.decode(response.charset),
            [
                {
                    "mode": instance.default_preview_mode,
                    "label": str(dict(instance.preview_modes)[instance.default_preview_mode]),
                    "url": translation_preview_url(translation),
                }
            ],
        )
    return response


def with_preview_modes(page: str, preview_modes: list[dict]) -> str:
    def add(match):
        props = json.loads(html.unescape(match.group(2)))
        props["previewModes"] = preview_modes
        return match.group(1) + escape(json.dumps(props, cls=DjangoJSONEncoder)) + match.group(3)

    return EDITOR_PROPS.sub(add, page, count=1)


class SavedReplyViewSet(SnippetViewSet):
    model = SavedReply
    icon = "comment"
    menu_label = _("Saved replies")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["title", "subject", "locale"]
    list_filter = ["locale"]
    search_fields = ["title", "subject"]
    panels = [
        FieldPanel("title"),
        FieldPanel("subject"),
        FieldPanel("body"),
        HelpPanel(content=placeholder_help(), heading=_("Placeholders")),
    ]
