"""The placeholders editors may use in email templates: a registry, a parser, a filler.

The syntax is a name in braces, `{first_name}`. Nothing else in a template has meaning, so
an editor cannot run code; a name not in the registry is refused when the template is saved.
Each placeholder has a label for the admin, a sample value for previews, and says whether it
may appear in a subject (subjects carry no health details: no treatment, no dates).

It sits with the models because it is part of what an EmailTemplate is: the template's
clean() checks against it. Pure functions, no database; the composer (messaging) fills it.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.html import escape, format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
BLANK_LINE = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Placeholder:
    name: str
    label: str
    sample: str | tuple[str, ...]
    in_subject: bool = False


REGISTRY = {
    p.name: p
    for p in [
        Placeholder("first_name", _("The patient's first name"), "Maria", in_subject=True),
        Placeholder("reference", _("The enquiry's reference code"), "TR-7K3F9Q", in_subject=True),
        Placeholder(
            "coordinator_name", _("The coordinator's name"), "Emma Clarke", in_subject=True
        ),
        Placeholder("clinic", _("The clinic's name"), "Anatolia Care Clinic", in_subject=True),
        Placeholder("treatment_name", _("The treatment's name"), "Botox"),
        Placeholder("treatment_url", _("The link to the treatment page"), "https://example.com/"),
        Placeholder("session_length", _("How long a session takes"), "15–30 minutes"),
        Placeholder(
            "effect_duration",
            _("How long the effect lasts, as a phrase such as “for 3–4 months” or “permanently”"),
            "for 3–4 months",
        ),
        Placeholder(
            "time_to_results",
            _("When results show, as a phrase such as “after 3–14 days” or “straight away”"),
            "after 3–14 days",
        ),
        Placeholder(
            "aftercare_steps",
            _("The aftercare steps, as a numbered list (best on a line of its own)"),
            ("Stay upright for four hours.", "Do not rub the treated area for a day."),
        ),
        Placeholder("travel_dates", _("The patient's travel window"), "3 May 2027 – 9 May 2027"),
        Placeholder("quote_treatment", _("Quotes: the treatment quoted"), "Botox"),
        Placeholder("quote_price", _("Quotes: the price with its currency"), "€2,450.00"),
        Placeholder(
            "quote_includes",
            _("Quotes: what the price includes, as a list (best on a line of its own)"),
            ("3 nights at the hotel", "Transfers between the airport, the hotel and the clinic"),
        ),
        Placeholder("quote_valid_until", _("Quotes: until when the quote holds"), "31 May 2027"),
    ]
}


def names_in(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def _problems(text: str, allowed: dict[str, Placeholder]) -> list[str]:
    problems = []
    for name in names_in(text):
        if name not in REGISTRY:
            problems.append(
                format_lazy(
                    _("Unknown placeholder {{{name}}}. Available: {available}."),
                    name=name,
                    available=", ".join(f"{{{known}}}" for known in allowed),
                )
            )
        elif name not in allowed:
            problems.append(
                format_lazy(
                    _("{{{name}}} cannot be used in a subject: subjects carry no health details."),
                    name=name,
                )
            )
    leftover = PLACEHOLDER.sub("", text)
    if "{" in leftover or "}" in leftover:
        problems.append(_("A brace is not closed: placeholders are written like {first_name}."))
    return problems


def problems_in_subject(text: str) -> list[str]:
    return _problems(text, {name: p for name, p in REGISTRY.items() if p.in_subject})


def problems_in_body(text: str) -> list[str]:
    return _problems(text, REGISTRY)


def errors_in(subject: str, body: str) -> dict[str, list]:
    """What is wrong with a subject and body of an editor's text, by field (for clean())."""
    errors = {}
    if problems := problems_in_subject(subject):
        errors["subject"] = problems
    if problems := problems_in_body(body):
        errors["body"] = problems
    return errors


def sample_values() -> dict[str, str | tuple[str, ...]]:
    return {name: placeholder.sample for name, placeholder in REGISTRY.items()}


def fill_text(template: str, values: dict) -> str:
    """Plain text: lists become numbered lines."""

    def replace(match):
        value = values.get(match.group(1), "")
        if isinstance(value, (list, tuple)):
            return "\n".join(f"{number}. {item}" for number, item in enumerate(value, 1))
        return str(value)

    return PLACEHOLDER.sub(replace, template)


def fill_html(template: str | Sequence[str], values: dict) -> str:
    """HTML paragraphs, every value escaped; a list on a paragraph of its own becomes <ol>.

    `template` is a text (split on blank lines) or its paragraphs (an email template's body).
    """
    blocks = []
    for paragraph in paragraphs(template) if isinstance(template, str) else template:
        names = names_in(paragraph)
        if len(names) == 1 and paragraph.strip() == f"{{{names[0]}}}":
            value = values.get(names[0], "")
            if isinstance(value, (list, tuple)):
                items = "".join(f"<li>{escape(item)}</li>" for item in value)
                blocks.append(f"<ol>{items}</ol>")
                continue

        pieces = PLACEHOLDER.split(paragraph)
        # split() alternates literal text and placeholder names.
        html = "".join(
            escape(piece) if index % 2 == 0 else replace_name(piece, values)
            for index, piece in enumerate(pieces)
        )
        blocks.append("<p>" + html.replace("\n", "<br>") + "</p>")
    return "\n".join(blocks)


def replace_name(name: str, values: dict) -> str:
    value = values.get(name, "")
    if isinstance(value, (list, tuple)):
        return escape("; ".join(value))
    if name.endswith("_url") and value:
        return f'<a href="{escape(value)}">{escape(value)}</a>'
    return escape(value)


def paragraphs(text: str) -> list[str]:
    """A plain text's paragraphs: split on blank lines, trimmed, empty ones left out."""
    blocks = (block.strip() for block in BLANK_LINE.split(text.replace("\r\n", "\n")))
    return [block for block in blocks if block]


def _help_html() -> str:
    rows = format_html_join(
        "",
        "<li><code>{{{}}}</code> — {}{}</li>",
        (
            (name, p.label, "" if p.in_subject else format_html(" ({})", gettext_now("body only")))
            for name, p in REGISTRY.items()
        ),
    )
    return format_html("<ul>{}</ul>", rows)


# Rendered in the editor's language each time the admin form is shown.
placeholder_help = lazy(_help_html, str)
