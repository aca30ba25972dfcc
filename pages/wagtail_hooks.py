from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Clinic, KeptTerm, LanguageContact, MarketRule, Practitioner
from .reports import MedicalReviewReportView


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


@hooks.register("register_admin_urls")
def register_medical_review_report_urls():
    return [
        path(
            "reports/medical-review/",
            MedicalReviewReportView.as_view(),
            name="medical_review_report",
        ),
        path(
            "reports/medical-review/results/",
            MedicalReviewReportView.as_view(results_only=True),
            name="medical_review_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_medical_review_report_menu_item():
    return PageEditorMenuItem(
        _("Due for medical review"),
        reverse("medical_review_report"),
        icon_name="doc-full-inverse",
        order=50,
    )


class KeptTermViewSet(SnippetViewSet):
    model = KeptTerm
    icon = "lock"
    menu_label = _("Terms kept as they are")
    list_display = ["term"]
    search_fields = ["term"]


register_snippet(KeptTermViewSet)
