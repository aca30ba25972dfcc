"""Medical review before publish: editors submit English treatment pages to the Practitioners'
workflow, and a practitioner's approval publishes them with that practitioner and today's date
as the review line, in every language."""

import datetime
from io import StringIO

import html5lib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import Locale, TaskState, Workflow, WorkflowPage, WorkflowState
from wagtail_localize.fields import get_translatable_fields

from pages.medical_review.workflow import PRACTITIONERS_GROUP, ensure_medical_review_workflow
from pages.models import MedicalReviewTask, Practitioner, TreatmentPage
from pages.models.review import NOT_LINKED_MESSAGE, practitioner_of
from pages.permissions import EDITORS_GROUP
from tourism_site.jinja2 import local_date

from .helpers import english, parse, translation_of

pytestmark = pytest.mark.django_db

OLD_REVIEW = datetime.date(2024, 1, 2)
NEW_SUMMARY = "Botox relaxes the muscles behind expression lines: reviewed wording."
UNREVIEWED = "Botox: a summary nobody has reviewed."


def logged_in(user) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def english_practitioner(name="Dr Arzu Demir") -> Practitioner:
    return Practitioner.objects.get(locale__language_code="en", name=name)


@pytest.fixture
def botox():
    """The English Botox page, last reviewed long ago by the demo's reviewer."""
    page = english()
    page.reviewed_on = OLD_REVIEW
    page.save_revision().publish()
    return TreatmentPage.objects.get(pk=page.pk)


@pytest.fixture
def doctor(django_user_model):
    """A practitioner's login: in the Practitioners group, linked to Dr Demir."""
    user = django_user_model.objects.create_user("test-doctor", password="pw")
    user.groups.add(Group.objects.get(name=PRACTITIONERS_GROUP))
    Practitioner.objects.filter(pk=english_practitioner().pk).update(user=user)
    return user


def edit_form(client, page) -> dict:
    """What the browser would post from the page editor: its fields as rendered, and the
    StreamFields, which the editor's JavaScript builds."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    tree = html5lib.parse(response.content.decode(), namespaceHTMLElements=False)
    data = {}
    for element in tree.find(".//form[@id='page-edit-form']").iter():
        name, kind = element.get("name"), element.get("type", "text")
        if not name or "__prefix__" in name:
            continue
        if element.tag == "input" and kind not in ("submit", "button", "file"):
            if kind not in ("checkbox", "radio"):
                data.setdefault(name, []).append(element.get("value", ""))
            elif element.get("checked") is not None:
                data.setdefault(name, []).append(element.get("value", "on"))
        elif element.tag == "textarea":
            data.setdefault(name, []).append(element.text or "")
        elif element.tag == "select":
            data[name] = [
                o.get("value") for o in element.iter("option") if o.get("selected") is not None
            ]
    for field in ("aftercare_steps", "faq"):
        stream = getattr(page.specific, field)
        data[f"{field}-count"] = str(len(stream))
        for n, block in enumerate(stream):
            prefix = f"{field}-{n}"
            data.update({f"{prefix}-type": block.block_type, f"{prefix}-order": str(n)})
            data.update({f"{prefix}-deleted": "", f"{prefix}-id": block.id})
            value = block.block.get_prep_value(block.value)
            if isinstance(value, dict):
                data.update({f"{prefix}-value-{key}": v for key, v in value.items()})
            else:
                data[f"{prefix}-value"] = value
    return data


def form_errors(response):
    form = response.context["form"]
    return form.errors, {name: formset.errors for name, formset in form.formsets.items()}


def submit_for_review(client, page, summary=NEW_SUMMARY):
    data = edit_form(client, page) | {"summary": summary, "action-submit": "Submit"}
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, form_errors(response)
    return TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def act(client, page, task_state, action, **data):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)


def review_line(client, page) -> str:
    tree = parse(client.get(page.url))
    return next(p for p in tree.iter("p") if p.get("class") == "reviewed").text


def expected_line(language, practitioner, date) -> str:
    with translation.override(language):
        return translation.gettext("Medically reviewed by %(name)s on %(date)s") % {
            "name": practitioner.name,
            "date": local_date(date, "DATE_FORMAT"),
        }


def test_approval_publishes_the_page_with_the_practitioner_and_today_in_every_language(
    client, editor, doctor, botox
):
    demir = english_practitioner()
    arabic = translation_of(botox, "ar")
    old_arabic_line = review_line(client, arabic)

    task_state = submit_for_review(logged_in(editor), botox)

    waiting = TreatmentPage.objects.get(pk=botox.pk)
    assert waiting.summary != NEW_SUMMARY and waiting.reviewed_on == OLD_REVIEW  # not published
    assert NEW_SUMMARY not in client.get(botox.url).content.decode()
    assert waiting.get_latest_revision_as_object().summary == NEW_SUMMARY

    response = act(logged_in(doctor), botox, task_state, "approve")

    assert response.status_code == 302
    today = timezone.localdate()
    published = TreatmentPage.objects.get(pk=botox.pk)
    assert (published.summary, published.reviewed_on) == (NEW_SUMMARY, today)
    assert published.reviewed_by == demir
    assert not published.has_unpublished_changes
    assert published.live_revision.as_object().reviewed_by_id == demir.pk
    assert review_line(client, botox) == expected_line("en", demir, today)
    # Facts reach the translations: the Arabic page names Dr Demir's Arabic translation.
    arabic = TreatmentPage.objects.get(pk=arabic.pk)
    arabic_demir = demir.get_translation(arabic.locale)
    assert (arabic.reviewed_on, arabic.reviewed_by) == (today, arabic_demir)
    assert arabic_demir.name != demir.name
    assert review_line(client, arabic) == expected_line("ar", arabic_demir, today)
    assert review_line(client, arabic) != old_arabic_line


def test_rejection_leaves_the_page_unpublished_with_the_old_review_line(
    client, editor, doctor, botox
):
    old_line = review_line(client, botox)
    task_state = submit_for_review(logged_in(editor), botox)

    response = act(logged_in(doctor), botox, task_state, "reject", comment="Cite the dose.")

    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    page = TreatmentPage.objects.get(pk=botox.pk)
    assert (page.summary, page.reviewed_on) != (NEW_SUMMARY, timezone.localdate())
    assert page.reviewed_on == OLD_REVIEW and page.reviewed_by.name == "Dr Kerem Aydın"
    assert review_line(client, botox) == old_line
    assert NEW_SUMMARY not in client.get(botox.url).content.decode()


def test_only_practitioners_group_members_may_approve_or_reject(
    client, editor, doctor, botox, django_user_model
):
    # Linked to a practitioner, but not in the group; and the editor, in neither.
    outsider = django_user_model.objects.create_user("test-outsider", password="pw")
    Practitioner.objects.filter(pk=english_practitioner("Dr Kerem Aydın").pk).update(user=outsider)
    task_state = submit_for_review(logged_in(editor), botox)

    for user in (outsider, editor):
        for action in ("approve", "reject"):
            response = act(logged_in(user), botox, task_state, action, comment="No.")
            assert response.status_code in (302, 403), (user, action)
            assert task_state.task.specific.get_actions(botox, user) == []
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert TreatmentPage.objects.get(pk=botox.pk).reviewed_on == OLD_REVIEW
    # The one who may does, through the same URL.
    assert act(logged_in(doctor), botox, task_state, "approve").status_code == 302
    assert TreatmentPage.objects.get(pk=botox.pk).reviewed_on == timezone.localdate()


def test_a_practitioner_login_without_a_linked_practitioner_cannot_approve(
    editor, botox, django_user_model
):
    unlinked = django_user_model.objects.create_user("test-unlinked", password="pw")
    unlinked.groups.add(Group.objects.get(name=PRACTITIONERS_GROUP))
    task_state = submit_for_review(logged_in(editor), botox)
    reviewer = logged_in(unlinked)

    response = act(reviewer, botox, task_state, "approve")

    assert response.status_code in (302, 403)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert TreatmentPage.objects.get(pk=botox.pk).reviewed_on == OLD_REVIEW
    with pytest.raises(PermissionDenied) as refused:  # however it is reached
        task_state.task.specific.on_action(task_state.specific, unlinked, "approve")
    assert str(refused.value) == str(NOT_LINKED_MESSAGE)
    # The editor tells them why, and offers what they can do: request changes.
    editor_page = reviewer.get(reverse("wagtailadmin_pages:edit", args=[botox.pk]))
    html = editor_page.content.decode()
    assert escape(str(NOT_LINKED_MESSAGE)) in html
    assert 'data-workflow-action-name="reject"' in html
    assert 'data-workflow-action-name="approve"' not in html


def test_editors_cannot_publish_english_treatment_pages_without_the_review(editor, doctor, botox):
    # Not even just after an approval, when the latest revision is the approved one.
    act(logged_in(doctor), botox, submit_for_review(logged_in(editor), botox), "approve")
    botox = TreatmentPage.objects.get(pk=botox.pk)
    assert botox.summary == NEW_SUMMARY
    editor_client = logged_in(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[botox.pk])
    html = editor_client.get(edit_url).content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html

    # Posting "publish" anyway, as an old form would, only saves a draft.
    data = edit_form(editor_client, botox) | {"summary": UNREVIEWED, "action-publish": "1"}
    assert editor_client.post(edit_url, data).status_code == 302

    page = TreatmentPage.objects.get(pk=botox.pk)
    assert page.summary == NEW_SUMMARY and page.has_unpublished_changes
    assert page.get_latest_revision_as_object().summary == UNREVIEWED
    assert not page.permissions_for_user(editor).can_publish()  # so no bulk publish either
    assert not botox.get_parent().specific.permissions_for_user(editor).can_publish_subpage()
    # Translations are not reviewed (their facts come from English), nor other pages.
    arabic = translation_of(botox, "ar")
    assert arabic.permissions_for_user(editor).can_publish()
    assert arabic.get_parent().specific.permissions_for_user(editor).can_publish_subpage()
    assert botox.get_parent().specific.permissions_for_user(editor).can_publish()


def test_practitioners_review_from_the_dashboard_with_only_admin_access_and_publish(
    editor, doctor, botox
):
    group = Group.objects.get(name=PRACTITIONERS_GROUP)
    assert set(group.permissions.values_list("codename", flat=True)) == {"access_admin"}
    assert {(p.page_id, p.permission.codename) for p in group.page_permissions.all()} == {
        (botox.get_parent().pk, "publish_page")
    }
    task_state = submit_for_review(logged_in(editor), botox)
    reviewer = logged_in(doctor)

    dashboard = reviewer.get(reverse("wagtailadmin_home")).content.decode()
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[botox.pk, "approve", task_state.pk]
    )
    assert approve_url in dashboard
    preview = reviewer.get(
        reverse("wagtailadmin_pages:workflow_preview", args=[botox.pk, task_state.task_id])
    )
    assert preview.status_code == 200 and NEW_SUMMARY in preview.content.decode()
    editor_page = reviewer.get(reverse("wagtailadmin_pages:edit", args=[botox.pk]))
    assert editor_page.status_code == 200
    # They approve there: publishing directly would skip the review line.
    html = editor_page.content.decode()
    assert 'data-workflow-action-name="approve"' in html and 'name="action-publish"' not in html


def test_approval_needs_the_groups_publish_permission(editor, doctor, botox):
    """Why the group has publish_page on the English treatments: Wagtail publishes at the end
    of the workflow as the approving user, and refuses if they may not publish."""
    Group.objects.get(name=PRACTITIONERS_GROUP).page_permissions.all().delete()
    task_state = submit_for_review(logged_in(editor), botox)

    act(logged_in(doctor), botox, task_state, "approve")

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert TreatmentPage.objects.get(pk=botox.pk).summary != NEW_SUMMARY


def test_the_workflow_is_set_up_once_for_english_treatment_pages_only():
    ensure_medical_review_workflow()
    workflow = ensure_medical_review_workflow()

    assert Workflow.objects.filter(name=workflow.name).count() == 1
    assert Group.objects.filter(name=PRACTITIONERS_GROUP).count() == 1
    assert [task.specific_class for task in workflow.tasks] == [MedicalReviewTask]
    assert WorkflowPage.objects.filter(workflow=workflow).count() == 1
    for page in TreatmentPage.objects.select_related("locale"):
        english_page = page.locale.language_code == "en"
        assert (page.get_workflow() == workflow) is english_page, page


def test_a_login_belongs_to_one_practitioner_and_stays_out_of_translations(
    doctor, django_user_model
):
    demir = english_practitioner()
    arabic = demir.get_translation(Locale.objects.get(language_code="ar"))
    assert arabic.user_id is None
    assert "user" not in {field.field_name for field in get_translatable_fields(Practitioner)}
    # A new translation does not copy it (the field is unique).
    assert demir.copy_for_translation(arabic.locale).user_id is None

    admin = django_user_model.objects.create_superuser("test-admin", password="pw")
    edit_url = reverse("wagtailsnippets_pages_practitioner:edit", args=[demir.pk])
    assert 'name="user"' in logged_in(admin).get(edit_url).content.decode()
    editor = django_user_model.objects.create_user("test-editor-2", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    assert 'name="user"' not in logged_in(editor).get(edit_url).content.decode()


def test_the_demo_has_a_practitioner_login():
    call_command("load_demo_content", stdout=StringIO())

    doctor = get_user_model().objects.get(username="doctor")
    assert doctor.groups.filter(name=PRACTITIONERS_GROUP).exists()
    assert practitioner_of(doctor).locale.language_code == "en"
    assert practitioner_of(doctor) == english().reviewed_by
