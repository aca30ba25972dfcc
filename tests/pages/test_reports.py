"""The admin report of treatment pages due for medical review."""

import datetime

import pytest
from django.urls import reverse

from pages.medical_review.report import due_for_review
from pages.models import TreatmentPage
from pages.models.review import review_cutoff

pytestmark = pytest.mark.django_db


def test_review_cutoff_goes_back_the_configured_months(settings):
    settings.MEDICAL_REVIEW_INTERVAL_MONTHS = 12
    assert review_cutoff(datetime.date(2026, 11, 25)) == datetime.date(2025, 11, 25)
    settings.MEDICAL_REVIEW_INTERVAL_MONTHS = 3
    assert review_cutoff(datetime.date(2026, 5, 31)) == datetime.date(2026, 2, 28)


def test_pages_reviewed_too_long_ago_or_never_are_due(settings):
    settings.MEDICAL_REVIEW_INTERVAL_MONTHS = 12
    old = TreatmentPage.objects.get(locale__language_code="en", slug="hair-transplant")
    old.reviewed_on = datetime.date(2020, 1, 1)
    old.save()
    never = TreatmentPage.objects.get(locale__language_code="en", slug="dental-implants")
    never.reviewed_on = None
    never.save()

    assert {page.slug for page in due_for_review()} == {"hair-transplant", "dental-implants"}


def test_the_demo_shows_a_page_due_for_review(settings):
    settings.MEDICAL_REVIEW_INTERVAL_MONTHS = 12

    assert "dental-implants" in {page.slug for page in due_for_review()}


def test_shorter_interval_makes_more_pages_due(settings):
    settings.MEDICAL_REVIEW_INTERVAL_MONTHS = 1
    assert due_for_review().count() == 4


def test_editor_sees_the_report_in_the_admin(editor_client, settings):
    settings.MEDICAL_REVIEW_INTERVAL_MONTHS = 1

    response = editor_client.get(reverse("medical_review_report"))

    assert response.status_code == 200
    assert "Dental implants" in response.content.decode()
