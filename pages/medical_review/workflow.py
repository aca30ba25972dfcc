"""The medical review workflow: the Practitioners group, its task (pages/models/review.py) and
the workflow on the English treatment index, so on every English treatment page. Translations
are not reviewed: their facts, the review among them, come from English
(pages/translation/facts.py).

Run on post_migrate like ensure_editors_group(); an English treatment index created later
(the demo loader, an editor on a new site) gets the workflow when it is first saved.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from ..models import MedicalReviewTask, TreatmentIndexPage

PRACTITIONERS_GROUP = "Practitioners"
TASK_NAME = "Medical review"
WORKFLOW_NAME = "Medical review of treatment pages"


@transaction.atomic
def ensure_medical_review_workflow() -> Workflow:
    """Create what is missing. What an administrator changed in Settings → Workflows (another
    workflow on the index, a deactivated workflow, more groups on the task) stays."""
    group, _created = Group.objects.get_or_create(name=PRACTITIONERS_GROUP)
    # The admin, and publish_page on the English treatments (_assign): Wagtail publishes the
    # page at the end of the workflow as the approving user, and checks they may publish.
    # The task itself opens the editor, the preview and the actions to them during review.
    group.permissions.set(
        [Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")]
    )
    task = MedicalReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = MedicalReviewTask.objects.create(name=TASK_NAME)
    task.groups.add(group)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if workflow.active:
        english = TreatmentIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        for index in english:
            _assign(workflow, index, group)
    return workflow


def _assign(workflow: Workflow, index: TreatmentIndexPage, group: Group) -> None:
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    GroupPagePermission.objects.get_or_create(
        group=group,
        page=index,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="publish_page"
        ),
    )


@receiver(post_save, sender=TreatmentIndexPage)
def _review_new_english_treatments(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    group = Group.objects.filter(name=PRACTITIONERS_GROUP).first()
    if workflow is not None and group is not None:
        _assign(workflow, instance, group)
