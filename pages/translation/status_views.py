"""Admin report: each English page's state in every other language (pages/translation/status.py
decides the states), filtered by language and state, each cell linking into wagtail-localize."""

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from .status import Cell, Row, TranslationState, translation_status

TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


def can_see_translation_status(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(TRANSLATE_PERMISSION))


def target_languages():
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def cell_url(row: Row, cell: Cell) -> str:
    """A missing translation: wagtail-localize's "Translate this page". Otherwise the
    translated page's edit URL, where wagtail-localize serves its translation editor (its
    `before_edit_page` hook; wagtail-localize 1.14 has no separate URL for it) or, for a
    translation edited outside wagtail-localize, Wagtail's page editor."""
    if cell.state == TranslationState.MISSING:
        return reverse("wagtail_localize:submit_page_translation", args=[row.page_id])
    return reverse("wagtailadmin_pages:edit", args=[cell.page_id])


class TranslationStatusFilterSet(WagtailFilterSet):
    # The view filters its rows itself (the states are not in the database): these filters
    # only read the choice, so `method` leaves the (unused) queryset alone.
    locale = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=target_languages,
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="chosen_only",
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=TranslationState.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="chosen_only",
    )

    class Meta:
        model = Page
        fields = []

    def chosen_only(self, queryset, name, value):
        return queryset


class StateColumn(BaseColumn):
    cell_template_name = "pages/reports/translation_status_cell.html"

    def __init__(self, locale):
        super().__init__(locale.language_code, label=locale.get_display_name())
        self.locale = locale

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        cell = instance.cell(self.locale.language_code)
        context.update(cell=cell, url=cell_url(instance, cell), language=self.label)
        return context


class TranslationStatusView(ReportView):
    page_title = _("Translation status")
    header_icon = "globe"
    index_url_name = "translation_status"
    index_results_url_name = "translation_status_results"
    results_template_name = "pages/reports/translation_status_results.html"
    filterset_class = TranslationStatusFilterSet
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        if not can_see_translation_status(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def status(self):
        return translation_status()

    @cached_property
    def chosen(self) -> dict:
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    @cached_property
    def shown_locales(self):
        code = self.chosen.get("locale")
        return [
            locale for locale in self.status.locales if not code or locale.language_code == code
        ]

    def get_queryset(self):
        return self.status.rows

    def filter_queryset(self, rows):
        state = self.chosen.get("state")
        if not state:
            return rows
        codes = [locale.language_code for locale in self.shown_locales]
        return [row for row in rows if any(row.cell(code).state == state for code in codes)]

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("English page"),
                get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.page_id]),
            ),
            Column("path", label=_("Path")),
            *(StateColumn(locale) for locale in self.shown_locales),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.status.counts()
        context["summary_locales"] = self.shown_locales
        context["summary"] = [
            (
                state,
                [
                    (locale, counts[locale.language_code][state], self.filter_url(locale, state))
                    for locale in self.shown_locales
                ],
            )
            for state in TranslationState
        ]
        return context

    def filter_url(self, locale, state) -> str:
        return f"{self.index_url}?locale={locale.language_code}&state={state.value}"
