"""Admin views for translation work on the workers: machine-translating a page (and the pages
below it) into drafts, and the listing of translation jobs with their progress."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale, Page

from tourism_site.read_only_viewsets import ReadOnlyViewSetMixin

from ..models import TranslationJob
from . import jobs
from .machine import machine_translator, translate_pages_to_drafts

MAY_TRANSLATE = "wagtail_localize.submit_translation"


class MachineTranslationForm(forms.Form):
    locales = forms.ModelMultipleChoiceField(
        label=_("Languages"),
        queryset=Locale.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    include_subtree = forms.BooleanField(label=_("Also the pages below this one"), required=False)

    def __init__(self, page, *args, **kwargs):
        super().__init__(*args, **kwargs)
        translator = machine_translator()
        locales = [
            locale
            for locale in Locale.objects.exclude(pk=page.locale_id).order_by("language_code")
            if translator.can_translate(page.locale, locale)
        ]
        self.fields["locales"].queryset = Locale.objects.filter(
            pk__in=[locale.pk for locale in locales]
        )
        self.fields["locales"].initial = locales


def pages_to_translate(page: Page, include_subtree: bool) -> list[Page]:
    pages = [page]
    if include_subtree:
        # Tree order: a parent's translation exists before its children's are made.
        pages += list(page.get_descendants().filter(alias_of__isnull=True).order_by("path"))
    return pages


class MachineTranslateView(WagtailAdminTemplateMixin, FormView):
    """Choose the languages (all by default); the work is a job on the workers."""

    template_name = "pages/translation/machine_translate.html"
    form_class = MachineTranslationForm
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, page_id):
        if not request.user.has_perm(MAY_TRANSLATE):
            raise PermissionDenied
        if machine_translator() is None:
            raise Http404(gettext("No machine translator is configured."))
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_title(self):
        title = self.page.get_admin_display_title()
        return gettext("Machine-translate “%(title)s”") % {"title": title}

    def get_breadcrumbs_items(self):
        title = self.page.get_admin_display_title()
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[self.page.get_parent().pk]),
                "label": _("Pages"),
            },
            {"url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]), "label": title},
            {"url": "", "label": self.get_page_title()},  # the heading: which page
        ]

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"page": self.page}

    def get_context_data(self, **kwargs):
        translator = machine_translator().display_name
        return super().get_context_data(page=self.page, translator=translator, **kwargs)

    def form_valid(self, form):
        page, user = self.page, self.request.user
        pages = pages_to_translate(page, form.cleaned_data["include_subtree"])
        locales = list(form.cleaned_data["locales"])
        jobs.queue_job(
            translate_pages_to_drafts,
            [pages, locales],
            {"user": user},
            title=gettext("Machine translation of “%(page)s” into %(languages)s")
            % {
                "page": page.title,
                "languages": ", ".join(str(locale.get_display_name()) for locale in locales),
            },
            total=len(pages) * len(locales),
            user=user,
        )
        messages.success(
            self.request,
            gettext(
                "The machine translation is queued: %(count)d drafts to write. "
                "Nothing is published; review each draft in the translation editor."
            )
            % {"count": len(pages) * len(locales)},
        )
        return redirect("translation_jobs:index")


class ProgressColumn(Column):
    cell_template_name = "pages/translation/progress_cell.html"


class TranslationJobIndexView(generic.IndexView):
    template_name = "pages/translation/jobs_index.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("requested_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # While a job runs, the page reloads itself to show its progress.
        context["running"] = TranslationJob.objects.filter(
            state__in=[TranslationJob.State.QUEUED, TranslationJob.State.RUNNING]
        ).exists()
        return context


class TranslationJobViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = TranslationJob
    name = "translation_jobs"
    url_prefix = "translation-jobs"
    icon = "resubmit"
    menu_label = _("Translation jobs")
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = TranslationJobIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "title",
        "requested_by",
        "state",
        ProgressColumn("progress", label=_("Progress")),
        "created_at",
        "finished_at",
    ]
    list_filter = ["state"]
    inspect_view_fields = [
        "title",
        "requested_by",
        "state",
        "total",
        "done",
        "failed",
        "error",
        "created_at",
        "started_at",
        "finished_at",
    ]
    ordering = ["-created_at"]
    list_per_page = 50


def machine_translate_url(page: Page) -> str:
    return reverse("machine_translate_page", args=[page.pk])
