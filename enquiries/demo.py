"""The demo patient team: a coordinator for every site language but Persian (to show the
fallback to English) and a manager. Idempotent, like the page demo."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import Coordinator
from .permissions import COORDINATORS_GROUP, MANAGERS_GROUP

COORDINATORS = [
    ("emma", "Emma", "Clarke", ["en"], ["aesthetic"]),
    ("ayse", "Ayşe", "Kaya", ["tr", "en"], ["dental"]),
    ("jonas", "Jonas", "Weber", ["de", "nl", "en"], ["hair"]),
    ("omar", "Omar", "Haddad", ["ar", "en"], []),
    ("irina", "Irina", "Volkova", ["ru", "en"], []),
    ("camille", "Camille", "Laurent", ["fr", "en"], ["aesthetic"]),
]
MANAGER = ("selin", "Selin", "Arslan")


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
