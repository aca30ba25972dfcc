"""The demo patient team: a coordinator for every site language but Persian (to show the
fallback to English) and a manager. Idempotent, like the page demo."""

import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import Coordinator
from .models.coordinator import COORDINATORS_GROUP, MANAGERS_GROUP

COORDINATORS = [
    ("emma", "Emma", "Clarke", ["en"], ["aesthetic"]),
    ("ayse", "Ayşe", "Kaya", ["tr", "en"], ["dental"]),
    ("jonas", "Jonas", "Weber", ["de", "nl", "en"], ["hair"]),
    ("omar", "Omar", "Haddad", ["ar", "en"], []),
    ("irina", "Irina", "Volkova", ["ru", "en"], []),
    ("camille", "Camille", "Laurent", ["fr", "en"], ["aesthetic"]),
]
MANAGER = ("selin", "Selin", "Arslan")
BLOCK_NAMESPACE = uuid.UUID("3b0f6a47-52d1-4c55-9d51-8f0c1e6d2a90")


def load_demo_team(password: str) -> list[str]:
    """Create the demo coordinators and manager; returns the usernames."""
    coordinators_group = Group.objects.get(name=COORDINATORS_GROUP)
    usernames = []
    for username, first, last, languages, specialties in COORDINATORS:
        user = _user(username, first, last, password)
        user.groups.add(coordinators_group)
        Coordinator.objects.get_or_create(
            user=user, defaults={"languages": languages, "specialties": specialties, "capacity": 8}
        )
        usernames.append(username)
    manager = _user(*MANAGER, password)
    manager.groups.add(Group.objects.get(name=MANAGERS_GROUP))
    usernames.append(MANAGER[0])
    return usernames


def _user(username, first, last, password):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
    )
    if created:
        user.set_password(password)
        user.save()
    return user


# The patient emails, in English, a list of paragraphs each (a paragraph's own line break
# stays a line break); pages/demo/translations/<lang>.po hold their translations, a msgid
# per paragraph (the loader translates them through wagtail-localize, segment by segment).
EMAIL_TEMPLATES = {
    "acknowledgement": (
        "We have your enquiry {reference}",
        [
            "Dear {first_name},",
            (
                "Thank you for writing to us. Your enquiry has the reference {reference}; please "
                "quote it whenever you contact us."
            ),
            (
                "{coordinator_name}, one of our patient coordinators, will look after you and will "
                "be in touch by email or phone, usually within one working day. You can ask them "
                "anything about {treatment_name}, your stay and the costs."
            ),
            "You can read about the treatment again here: {treatment_url}",
            "Kind regards,\n{clinic}",
        ],
    ),
    "procedure_info": (
        "What to expect, {first_name}",
        [
            "Dear {first_name},",
            "Here is a short summary of {treatment_name}, so that you can plan your visit.",
            (
                "A session takes {session_length}. Results usually show {time_to_results}, and the "
                "effect lasts {effect_duration}."
            ),
            (
                "Your doctor will examine you before the treatment and tell you whether it suits "
                "you. Every person is different, and so are the results."
            ),
            "More details, and answers to common questions: {treatment_url}",
            "If you have questions, simply reply to this email or write to {coordinator_name}.",
            "Kind regards,\n{clinic}",
        ],
    ),
    "pre_travel": (
        "Before you travel, {first_name}",
        [
            "Dear {first_name},",
            "Your trip is coming up ({travel_dates}). A few things to prepare:",
            (
                "Check that your passport is valid for at least six months and whether you need a "
                "visa. Bring a list of the medicines you take and any recent test results. Plan to "
                "arrive the day before your appointment and keep the first days after "
                "{treatment_name} free of strenuous plans."
            ),
            (
                "Send {coordinator_name} your flight details so that we can arrange the transfer "
                "from the airport."
            ),
            "Kind regards,\n{clinic}",
        ],
    ),
    "aftercare": (
        "Looking after yourself, {first_name}",
        [
            "Dear {first_name},",
            (
                "Thank you for trusting us with your treatment. To get the best result from "
                "{treatment_name}, please follow these steps:"
            ),
            "{aftercare_steps}",
            (
                "Results usually show {time_to_results}. If something worries you, such as pain "
                "that gets worse, a fever or unusual swelling, contact us straight away."
            ),
            "Kind regards,\n{clinic}",
        ],
    ),
    "retreatment_reminder": (
        "Time for a check-in, {first_name}",
        [
            "Dear {first_name},",
            (
                "The effect of {treatment_name} usually lasts {effect_duration}, so it may be "
                "wearing off about now. If you would like another session, reply to this email and "
                "{coordinator_name} will help you plan it."
            ),
            "Information about the treatment: {treatment_url}",
            "Kind regards,\n{clinic}",
        ],
    ),
    "quote": (
        "Your quote, {reference}",
        [
            "Dear {first_name},",
            (
                "Thank you for your patience. Here is our quote for {quote_treatment}: "
                "{quote_price}, valid until {quote_valid_until}."
            ),
            "The price includes:",
            "{quote_includes}",
            (
                "The final plan is confirmed by your doctor at the examination. To go ahead, or if "
                "you have questions, simply reply to this email and {coordinator_name} will help "
                "you choose your dates."
            ),
            "Kind regards,\n{clinic}",
        ],
    ),
}


def demo_email_templates(locale) -> list:
    """The English email templates, created once; editors' changes are kept."""
    from .models import EmailTemplate

    templates = []
    for kind, (subject, paragraphs) in EMAIL_TEMPLATES.items():
        template, _created = EmailTemplate.objects.get_or_create(
            kind=kind,
            locale=locale,
            defaults={"subject": subject, "body": demo_body(kind, paragraphs)},
        )
        templates.append(template)
    return templates


def demo_body(kind: str, paragraphs: list[str]) -> list[dict]:
    # Stable block ids, so that the paragraphs' segments are the same at every load.
    return [
        {"type": "paragraph", "value": text, "id": str(uuid.uuid5(BLOCK_NAMESPACE, f"{kind}/{n}"))}
        for n, text in enumerate(paragraphs)
    ]
