"""The texts of the patient emails, written and translated by editors in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.fields import StreamField
from wagtail.models import PreviewableMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .placeholders import BLANK_LINE, problems_in_body, problems_in_subject

PARAGRAPH = "paragraph"


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


class ParagraphErrors(StreamBlockValidationError):
    """Placeholder problems by paragraph: the admin shows each under its paragraph; elsewhere
    (message_dict, logs) it reads "Paragraph 2: Unknown placeholder {price}. …"."""

    def __init__(self, problems_by_index: dict[int, list]):
        super().__init__(
            block_errors={
                index: ValidationError(problems) for index, problems in problems_by_index.items()
            }
        )
        self.messages_by_paragraph = [
            format_lazy(_("Paragraph {number}: {problem}"), number=index + 1, problem=problem)
            for index, problems in sorted(problems_by_index.items())
            for problem in problems
        ]
        self.message = self.messages_by_paragraph[0]

    def as_field_errors(self) -> list[ValidationError]:
        # The StreamField widget reads the first error of the field (this one, with its block
        # errors); the others only carry the remaining messages for message_dict.
        return [self, *(ValidationError(message) for message in self.messages_by_paragraph[1:])]


class EmailTemplate(TranslatableMixin, PreviewableMixin, models.Model):
    """Subject and body of one kind of patient email in one language.

    The body is a list of paragraphs of plain text with placeholders such as {first_name}: each
    paragraph is its own string for translators (wagtail-localize makes a segment of every
    block). There is no template language: nothing an editor types is executed.
    """

    kind = models.CharField(_("kind"), max_length=40, choices=TemplateKind.choices)
    subject = models.CharField(
        _("subject"),
        max_length=200,
        help_text=_("No health details here: subjects show on lock screens and shared inboxes."),
    )
    body = StreamField(
        [
            (
                PARAGRAPH,
                blocks.TextBlock(
                    label=_("Paragraph"),
                    rows=3,
                    help_text=_("Plain text; a line break stays a line break in the email."),
                ),
            )
        ],
        verbose_name=_("body"),
        help_text=_(
            "One block per paragraph. Placeholders in braces, for example {first_name}: see "
            "the list below the field."
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

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs as plain text, in order (empty ones left out)."""
        return [text for _index, text in self._paragraph_blocks() if text]

    @property
    def body_text(self) -> str:
        """The body as one plain text, paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    def _paragraph_blocks(self):
        """(position in the stream, plain text) of every paragraph block."""
        for index, block in enumerate(self.body):
            if block.block_type == PARAGRAPH:
                yield index, str(block.value or "").replace("\r\n", "\n").strip()

    def clean(self):
        # On the model, not the admin form: wagtail-localize saves translations through
        # full_clean() too, so a translator cannot slip in an unknown placeholder either.
        errors = {}
        if problems := problems_in_subject(self.subject):
            errors["subject"] = problems
        by_paragraph = {}
        for index, text in self._paragraph_blocks():
            problems = problems_in_body(text)
            if BLANK_LINE.search(text):
                # Two paragraphs in one block would be one string for translators again.
                problems.append(_("A blank line starts a new paragraph: add a paragraph block."))
            if problems:
                by_paragraph[index] = problems
        if by_paragraph:
            errors["body"] = ParagraphErrors(by_paragraph).as_field_errors()
        if errors:
            raise ValidationError(errors)

    # Previews use a made-up enquiry in the template's language: editors never see patients'
    # data. The template composes the email through messaging (templatetags/email_previews.py).
    preview_modes = [("", _("Sample enquiry"))]

    def get_preview_template(self, request, mode_name):
        return "enquiries/admin/email_template_preview.html"
