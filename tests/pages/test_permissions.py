"""The Editors group has page, snippet and image permissions (and sees the progress of the
translation jobs they queue), nothing else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from pages.permissions import EDITORS_GROUP

pytestmark = pytest.mark.django_db


def test_editors_group_permissions_are_exactly_pages_snippets_and_images():
    group = Group.objects.get(name=EDITORS_GROUP)

    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert codenames == {
        ("wagtailadmin", "access_admin"),
        ("wagtail_localize", "submit_translation"),
        ("pages", "view_translationjob"),
        *{
            ("pages", f"{a}_{m}")
            for a in ("add", "change", "delete", "view")
            for m in ("practitioner", "clinic", "marketrule", "languagecontact", "keptterm")
        },
        *{("enquiries", f"{a}_emailtemplate") for a in ("add", "change", "delete", "view")},
        *{("enquiries", f"{a}_savedreply") for a in ("add", "change", "delete", "view")},
    }
    assert set(group.page_permissions.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert set(
        group.collection_permissions.values_list(
            "permission__content_type__app_label", "permission__codename"
        )
    ) == {
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
    }


def test_editor_can_edit_pages_and_snippets_but_not_users(editor_client):
    assert editor_client.get(reverse("wagtailadmin_explore_root")).status_code == 200
    assert editor_client.get(reverse("wagtailsnippets_pages_practitioner:list")).status_code == 200
    assert editor_client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)
    assert editor_client.get(reverse("wagtailsites:index")).status_code in (302, 403)
    assert editor_client.get(reverse("wagtailusers_groups:index")).status_code in (302, 403)
