"""The admin's users: two coordinators (English, German) and a manager."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from enquiries.models.coordinator import COORDINATORS_GROUP, MANAGERS_GROUP
from tests.enquiries.factories import make_coordinator


def login(user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


@pytest.fixture
def team():
    alice, bob = make_coordinator(["en"]), make_coordinator(["de"])
    for coordinator in (alice, bob):
        coordinator.user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    return alice, bob


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user("manager", email="m@example.com", password="pw")
    user.groups.add(Group.objects.get(name=MANAGERS_GROUP))
    return user
