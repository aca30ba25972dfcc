"""Admin report: treatment pages whose medical review is older than the configured interval."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from ..models import TreatmentPage
from ..models.review import review_cutoff


def due_for_review():
    return (
        TreatmentPage.objects.filter(locale__language_code="en")
        .exclude(reviewed_on__gte=review_cutoff())
        .select_related("reviewed_by", "locale")
        .order_by("reviewed_on", "title")
    )


class MedicalReviewReportView(ReportView):
    page_title = _("Due for medical review")
    header_icon = "doc-full-inverse"
    index_url_name = "medical_review_report"
    index_results_url_name = "medical_review_report_results"
    results_template_name = "pages/reports/medical_review_results.html"
    list_export = ["title", "reviewed_on", "reviewed_by"]
    export_headings = {"reviewed_on": _("Reviewed on"), "reviewed_by": _("Reviewed by")}
    columns = [
        TitleColumn(
            "title",
            label=_("Treatment"),
            url_name="wagtailadmin_pages:edit",
        ),
        DateColumn("reviewed_on", label=_("Reviewed on")),
        Column("reviewed_by", label=_("Reviewed by")),
    ]

    def get_queryset(self):
        return due_for_review()
