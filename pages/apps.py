from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _after_migrate(sender, **kwargs):
    from .locales import ensure_site_locales
    from .medical_review.workflow import ensure_medical_review_workflow
    from .permissions import ensure_editors_group

    ensure_site_locales()
    ensure_editors_group()
    ensure_medical_review_workflow()


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from . import navigation, page_cache  # noqa: F401 - their receivers forget cached pages
        from .medical_review import workflow  # noqa: F401 - new English indexes get the review
        from .translation import (
            facts,  # noqa: F401 - facts reach every translation
            untranslated,  # noqa: F401 - untranslated copies stay drafts
        )

        post_migrate.connect(_after_migrate, sender=self)
