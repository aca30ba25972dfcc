"""The Editors group: page, snippet and image permissions, and nothing else (the snippets
include the patient email templates, which editors write and translate).

Wagtail's own migrations create an "Editors" group with broader defaults; this makes it exactly
what is listed here. Run on post_migrate (not in a data migration) because permissions only
exist once every app's migrations have run.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

EDITORS_GROUP = "Editors"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
SNIPPET_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("practitioner", "clinic", "marketrule", "languagecontact", "keptterm")
    for action in ("add", "change", "delete", "view")
]
EMAIL_TEMPLATE_PERMISSIONS = [
    f"{action}_{model}"
    for action in ("add", "change", "delete", "view")
    for model in ("emailtemplate", "savedreply")
]
# Galleries and practitioner photos are page content: editors must be able to pick and upload them.
# Wagtail checks image permissions against wagtailimages.Image even with a custom image model
# (its CollectionOwnershipPermissionPolicy's auth_model), so these are its codenames: with
# pages.ClinicImage's own, editors were refused the image library.
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


@transaction.atomic
def ensure_editors_group() -> Group:
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
            Permission.objects.get(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            ),
            *Permission.objects.filter(
                content_type__app_label="pages", codename__in=SNIPPET_PERMISSIONS
            ),
            *Permission.objects.filter(
                content_type__app_label="enquiries", codename__in=EMAIL_TEMPLATE_PERMISSIONS
            ),
            # The progress of the translation work they queue (pages/translation/jobs.py).
            Permission.objects.get(content_type__app_label="pages", codename="view_translationjob"),
        ]
    )

    root_page = Page.get_first_root_node()
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    )
    GroupPagePermission.objects.filter(group=group).exclude(
        page=root_page, permission__in=page_permissions
    ).delete()
    for permission in page_permissions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=permission
        )

    root_collection = Collection.get_first_root_node()
    image_permissions = Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
    )
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root_collection, permission__in=image_permissions
    ).delete()
    for permission in image_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )
    return group
