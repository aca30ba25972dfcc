"""enquiries/admin/email_templates.py and the preview: editors open the templates and preview
one filled with sample values, in the template's own language."""

import pytest
from django.urls import reverse

from enquiries.models import EmailTemplate

pytestmark = pytest.mark.django_db


def arabic_aftercare():
    return EmailTemplate.objects.get(kind="aftercare", locale__language_code="ar")


def test_editors_can_open_email_templates_in_the_admin(editor_client):
    response = editor_client.get("/admin/snippets/enquiries/emailtemplate/")

    assert response.status_code == 200


def test_editors_preview_an_edited_template_with_sample_values(editor_client):
    template = arabic_aftercare()
    url = reverse("wagtailsnippets_enquiries_emailtemplate:preview_on_edit", args=[template.pk])
    edited = {"kind": template.kind, "subject": template.subject, "body": "{first_name}؟"}

    assert editor_client.post(url, edited).json()["is_valid"] is True
    response = editor_client.get(url)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Maria؟" in body  # the editor's unsaved text, with a sample patient, never a real one
    assert "dir=&quot;rtl&quot;" in body  # the Arabic email, inside the preview frame


def test_a_preview_of_a_template_with_an_unknown_placeholder_is_refused(editor_client):
    template = arabic_aftercare()
    url = reverse("wagtailsnippets_enquiries_emailtemplate:preview_on_edit", args=[template.pk])
    broken = {"kind": template.kind, "subject": template.subject, "body": "{password}"}

    assert editor_client.post(url, broken).json()["is_valid"] is False


def test_the_model_preview_renders_the_same_email(rf):
    template = arabic_aftercare()

    response = template.serve_preview(rf.get("/"), template.default_preview_mode).render()

    assert "Maria" in response.content.decode()
