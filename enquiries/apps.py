from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _after_migrate(sender, **kwargs):
    from pages.permissions import ensure_editors_group

    from .admin.permissions import ensure_groups

    ensure_groups()
    # Again now that this app's permissions exist: editors write the email templates.
    ensure_editors_group()


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = _("Enquiries")

    def ready(self):
        from . import signals  # noqa: F401

        post_migrate.connect(_after_migrate, sender=self)
