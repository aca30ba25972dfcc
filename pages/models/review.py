"""Medical review before publish: a Wagtail workflow task for the Practitioners group.

Approving stamps the reviewer (the practitioner linked to the approving login) and today's date
into the page's latest revision: the one Wagtail publishes when the workflow finishes
(wagtail.workflows.publish_workflow_state), so the published page, and through
pages/translation/facts.py every translation, carries the new review line.

In Wagtail anyone with publish permission may publish a page directly, skipping (or cancelling)
its workflow, and the approver of the last task must have that permission too. So a treatment
page under this review is published only by the approval of its latest revision
(MedicalReviewPermissionTester): editors keep their publish permission for everything else.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.locks import WorkflowLock
from wagtail.models import AbstractGroupApprovalTask, PagePermissionTester, TaskState

from tourism_site.dates import add_months

NOT_LINKED_MESSAGE = _(
    "Your login is not linked to a practitioner, so you cannot approve a medical review: the "
    "page would name nobody as its reviewer. An administrator can link it in Snippets → "
    "Practitioners (field “login”)."
)


def review_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Pages last reviewed before this date are due for medical review."""
    today = today or timezone.localdate()
    return add_months(today, -settings.MEDICAL_REVIEW_INTERVAL_MONTHS)


def practitioner_of(user):
    """The Practitioner snippet linked to this login, or None."""
    from .snippets import Practitioner

    if user is None or not user.is_authenticated:
        return None
    return Practitioner.objects.filter(user_id=user.pk).first()


class MedicalReviewLock(WorkflowLock):
    """Wagtail's workflow lock, telling a practitioner without a linked snippet why the editor
    offers them no approval."""

    def get_message(self, user):
        message = super().get_message(user)
        if message is None and self.task.can_review(user) and practitioner_of(user) is None:
            return NOT_LINKED_MESSAGE
        return message


class MedicalReviewTask(AbstractGroupApprovalTask):
    """Approve or request changes: members of the chosen groups only (superusers outside them
    can still edit, cancel or publish, but not sign a review), and approving needs a
    practitioner linked to the login."""

    lock_class = MedicalReviewLock

    class Meta:
        verbose_name = _("medical review task")
        verbose_name_plural = _("medical review tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups whose login is linked to a practitioner approve the "
            "page; approving records them as its medical reviewer, with today's date."
        )

    def can_review(self, user) -> bool:
        return user.is_active and self._user_in_groups(user)

    def get_actions(self, obj, user):
        if not self.can_review(user):
            return []
        actions = [("reject", _("Request changes"), True)]
        if practitioner_of(user) is not None:
            actions += [
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.can_review(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name in ("approve", "reject") and not self.can_review(user):
            raise PermissionDenied
        if action_name == "approve":
            practitioner = practitioner_of(user)
            if practitioner is None:
                raise PermissionDenied(NOT_LINKED_MESSAGE)
            stamp_review(task_state.workflow_state.content_object, practitioner)
        return super().on_action(task_state, user, action_name, **kwargs)


def stamp_review(page, practitioner) -> None:
    """Write the reviewer and today's date into the page's latest revision (the one the
    workflow publishes). Pages without review fields (the treatment index) are left alone."""
    page = page.specific
    if not hasattr(page, "reviewed_on"):
        return
    revision = page.get_latest_revision()
    draft = revision.as_object()
    draft.reviewed_on = timezone.localdate()
    draft.reviewed_by = practitioner.get_translation_or_none(page.locale) or practitioner
    revision.content = draft.serializable_data()
    revision.save(update_fields=["content"])


def medical_review_tasks(page):
    """The active medical review tasks of the workflow that applies to the page."""
    workflow = page.get_workflow()
    if workflow is None:
        return MedicalReviewTask.objects.none()
    return MedicalReviewTask.objects.filter(workflow_tasks__workflow=workflow, active=True)


def approved_latest_revision(page, user) -> bool:
    """Whether this user approved the page's latest revision in the medical review: the
    publication at the end of the workflow runs as the approving user (and with this check)."""
    latest = page.get_latest_revision()
    return (
        latest is not None
        and TaskState.objects.for_instance(page)
        .filter(
            task__in=MedicalReviewTask.objects.all(),
            status=TaskState.STATUS_APPROVED,
            finished_by=user,
            finished_at__gte=latest.created_at,
        )
        .exists()
    )


class MedicalReviewPermissionTester(PagePermissionTester):
    """Treatment pages under the medical review are published by the approval, never directly
    (superusers excepted); their index creates new ones as drafts to submit. Approved is not
    enough: Wagtail's editor asks before it saves the edit it then publishes."""

    def can_publish(self):
        allowed = super().can_publish()
        reviewed = "reviewed_on" in getattr(self.page, "fact_fields", ())
        if not allowed or self.user.is_superuser or not reviewed:
            return allowed
        if not medical_review_tasks(self.page).exists():
            return True
        return approved_latest_revision(self.page, self.user)

    def can_publish_subpage(self):
        allowed = super().can_publish_subpage()
        if not allowed or self.user.is_superuser:
            return allowed
        return not medical_review_tasks(self.page).exists()
