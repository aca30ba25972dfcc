"""Who sees which enquiry: a coordinator their own, managers all, everyone else none."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from ..models import Coordinator, Enquiry
from ..models.coordinator import COORDINATORS_GROUP, MANAGERS_GROUP


def is_manager(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("enquiries.manage_enquiries"))


def managers():
    """The users is_manager() is true of."""
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="manage_enquiries")
            | Q(user_permissions__codename="manage_enquiries"),
            is_active=True,
        )
        .distinct()
    )


def coordinator_of(user) -> Coordinator | None:
    try:
        return user.coordinator
    except Coordinator.DoesNotExist:
        return None


def can_use_enquiries(user) -> bool:
    return is_manager(user) or coordinator_of(user) is not None


def visible_enquiries(user):
    if is_manager(user):
        return Enquiry.objects.all()
    coordinator = coordinator_of(user)
    if coordinator is not None:
        return Enquiry.objects.filter(coordinator=coordinator)
    return Enquiry.objects.none()


class ManagersMayViewPolicy(BasePermissionPolicy):
    """Managers view these rows (the outbox, the access log); the system writes them."""

    def user_has_permission(self, user, action):
        return action == "view" and is_manager(user)

    def users_with_any_permission(self, actions):
        return managers() if "view" in actions else managers().none()


@transaction.atomic
def ensure_groups() -> None:
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    manage = Permission.objects.get(
        content_type__app_label="enquiries", codename="manage_enquiries"
    )
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    coordinators.permissions.set([access_admin])
    # Managers set the clinic's hours and holidays (Settings), which the SLA counts in.
    clinic_hours = Permission.objects.get(
        content_type__app_label="enquiries", codename="change_clinichours"
    )
    managers, _ = Group.objects.get_or_create(name=MANAGERS_GROUP)
    managers.permissions.set([access_admin, manage, clinic_hours])


class EnquiryPermissionPolicy(BasePermissionPolicy):
    """Coordinators view their own enquiries, managers view and change all; nobody adds or
    deletes one in the admin (patients send them; erasure is a privacy request)."""

    def user_has_permission(self, user, action):
        if action == "view":
            return can_use_enquiries(user)
        return action == "change" and is_manager(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and visible_enquiries(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        if self.user_has_permission(user, action):
            return visible_enquiries(user)
        return Enquiry.objects.none()

    def users_with_any_permission(self, actions):
        if not {"view", "change"} & set(actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(pk__in=managers()) | Q(coordinator__isnull=False), is_active=True)
            .distinct()
        )
