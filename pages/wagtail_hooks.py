from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .medical_review.report import MedicalReviewReportView
from .models import Clinic, KeptTerm, LanguageContact, MarketRule, Practitioner
from .translation import views as translation_views
from .translation.machine import machine_translator
from .translation.status_views import TranslationStatusView, can_see_translation_status


class PractitionerViewSet(SnippetViewSet):
    model = Practitioner
    icon = "user"
    list_display = ["name", "qualification", "locale"]
    list_filter = ["qualification", "locale"]
    search_fields = ["name"]


class ClinicViewSet(SnippetViewSet):
    model = Clinic
    icon = "site"
    list_display = ["name", "city", "authorisation_number", "locale"]


class MarketRuleViewSet(SnippetViewSet):
    model = MarketRule
    icon = "globe"
    menu_label = _("Market rules")
    list_display = ["locale", "hide_before_after", "legal_basis"]


register_snippet(PractitionerViewSet)
register_snippet(ClinicViewSet)
register_snippet(MarketRuleViewSet)


class LanguageContactViewSet(SnippetViewSet):
    model = LanguageContact
    icon = "mobile-alt"
    menu_label = _("Contacts by language")
    list_display = ["locale", "phone", "whatsapp", "hours"]


register_snippet(LanguageContactViewSet)


class PageEditorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


def report_urls(slug: str, view, name: str) -> list:
    """A report's page, and the results alone that its filters load."""
    return [
        path(f"reports/{slug}/", view.as_view(), name=name),
        path(f"reports/{slug}/results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


@hooks.register("register_admin_urls")
def register_medical_review_report_urls():
    return report_urls("medical-review", MedicalReviewReportView, "medical_review_report")


@hooks.register("register_reports_menu_item")
def register_medical_review_report_menu_item():
    return PageEditorMenuItem(
        _("Due for medical review"),
        reverse("medical_review_report"),
        icon_name="doc-full-inverse",
        order=50,
    )


class TranslatorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_translation_status(request.user)


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    return report_urls("translation-status", TranslationStatusView, "translation_status")


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslatorMenuItem(
        _("Translation status"),
        reverse("translation_status"),
        icon_name="globe",
        order=60,
    )


class KeptTermViewSet(SnippetViewSet):
    model = KeptTerm
    icon = "lock"
    menu_label = _("Terms kept as they are")
    list_display = ["term"]
    search_fields = ["term"]


register_snippet(KeptTermViewSet)


@hooks.register("register_admin_viewset")
def register_translation_job_viewset():
    return translation_views.TranslationJobViewSet()


@hooks.register("register_admin_urls")
def register_machine_translation_urls():
    return [
        path(
            "machine-translation/<int:page_id>/",
            translation_views.MachineTranslateView.as_view(),
            name="machine_translate_page",
        )
    ]


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def machine_translation_button(page, user, view_name=None, next_url=None):
    if (
        page.locale.language_code == settings.LANGUAGE_CODE
        and not page.is_root()
        and user.has_perm(translation_views.MAY_TRANSLATE)
        and machine_translator() is not None
    ):
        yield ListingButton(
            _("Machine-translate into drafts"),
            translation_views.machine_translate_url(page),
            icon_name="wagtail-localize-language",
            priority=61,
        )
