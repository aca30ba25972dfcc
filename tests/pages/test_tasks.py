"""pages/tasks.py: what editors scheduled happens on time, and visitors see it at once."""

import datetime

import pytest
from django.utils import timezone

from pages import tasks
from pages.models import StandardPage

from .helpers import committed, english

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def test_a_page_past_its_expiry_is_unpublished_and_no_longer_served(client):
    botox = english()
    assert client.get(botox.url).status_code == 200  # cached
    type(botox).objects.filter(pk=botox.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    with committed():
        tasks.publish_scheduled()

    botox.refresh_from_db()
    assert (botox.live, botox.expired) == (False, True)
    assert client.get(botox.url).status_code == 404


def test_a_change_scheduled_to_go_live_is_published_when_its_time_comes(client):
    about = english(StandardPage, "about")
    about.title = "Who we are"
    about.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = about.save_revision()
    revision.publish()  # scheduled: the page stays as it was until then
    assert "Who we are" not in client.get(about.url).content.decode()

    # The hour has passed.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    with committed():
        tasks.publish_scheduled()

    assert StandardPage.objects.get(pk=about.pk).title == "Who we are"
    assert "Who we are" in client.get(about.url).content.decode()
