"""StreamField blocks: small, each with its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class FAQBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.TextBlock(label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "pages/blocks/faq.html"


class AftercareStepBlock(blocks.TextBlock):
    class Meta:
        icon = "list-ol"
        label = _("Step")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="pages/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul"]
    )
