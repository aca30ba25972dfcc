"""The texts of the patient emails, written and translated by editors in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .placeholders import errors_in


class FollowUpKind(models.TextChoices):
    """The patient emails of the follow-up sequence, in the order they are sent."""

    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    PROCEDURE_INFO = "procedure_info", _("Procedure information")
    PRE_TRAVEL = "pre_travel", _("Pre-travel checklist")
    AFTERCARE = "aftercare", _("Aftercare")
    RETREATMENT_REMINDER = "retreatment_reminder", _("Re-treatment reminder")


class TemplateKind(models.TextChoices):
    """What editors write templates for: the sequence, and the emails coordinators send."""

    ACKNOWLEDGEMENT = FollowUpKind.ACKNOWLEDGEMENT.value, FollowUpKind.ACKNOWLEDGEMENT.label
    PROCEDURE_INFO = FollowUpKind.PROCEDURE_INFO.value, FollowUpKind.PROCEDURE_INFO.label
    PRE_TRAVEL = FollowUpKind.PRE_TRAVEL.value, FollowUpKind.PRE_TRAVEL.label
    AFTERCARE = FollowUpKind.AFTERCARE.value, FollowUpKind.AFTERCARE.label
    RETREATMENT_REMINDER = (
        FollowUpKind.RETREATMENT_REMINDER.value,
        FollowUpKind.RETREATMENT_REMINDER.label,
    )
    QUOTE = "quote", _("Quote")


class EmailTemplate(TranslatableMixin, PreviewableMixin, models.Model):
    """Subject and body of one kind of patient email in one language.

    Editors write plain text with placeholders such as {first_name}; paragraphs are separated
    by a blank line. There is no template language: nothing an editor types is executed.
    """

    kind = models.CharField(_("kind"), max_length=40, choices=TemplateKind.choices)
    subject = models.CharField(
        _("subject"),
        max_length=200,
        help_text=_("No health details here: subjects show on lock screens and shared inboxes."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Plain text; a blank line starts a new paragraph. Placeholders in braces, "
            "for example {first_name}: see the list below the field."
        ),
    )

    translatable_fields = [
        TranslatableField("subject"),
        TranslatableField("body"),
        SynchronizedField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("email template")
        verbose_name_plural = _("email templates")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "locale"], name="one_email_template_per_kind")
        ]

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        # On the model, not the admin form: wagtail-localize saves translations through
        # full_clean() too, so a translator cannot slip in an unknown placeholder either.
        if errors := errors_in(self.subject, self.body):
            raise ValidationError(errors)

    # Previews use a made-up enquiry: editors never see patients' data. The template
    # composes the email through messaging (templatetags/email_previews.py).
    preview_modes = [("", _("Sample enquiry"))]

    def get_preview_template(self, request, mode_name):
        return "enquiries/admin/email_template_preview.html"
