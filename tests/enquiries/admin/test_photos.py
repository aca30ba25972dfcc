"""The patient's photos in the admin (views.photo): the enquiry's coordinator and managers
see them; another coordinator gets a 404, as if there were none."""

import pytest
from django.urls import reverse

from enquiries.models import Enquiry
from enquiries.routing import assignment
from tests.enquiries.admin.conftest import login
from tests.enquiries.intake.patient import botox
from tests.enquiries.intake.test_photos import photo_with_gps, send

pytestmark = pytest.mark.django_db


def test_only_the_assigned_coordinator_and_managers_see_a_photo(client, team, manager):
    alice, bob = team
    send(client, botox("en"), [photo_with_gps()])
    enquiry = Enquiry.objects.get()
    assignment.reassign_to(enquiry.pk, alice, manager)
    photo = enquiry.photos.get()
    url = reverse("enquiries_admin:photo", args=[enquiry.pk, photo.pk])

    assert login(alice.user).get(url).status_code == 200
    response = login(manager).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    # Django's locale middleware first tries the address with a language prefix.
    assert login(bob.user).get(url, follow=True).status_code == 404
    missing = reverse("enquiries_admin:photo", args=[enquiry.pk, photo.pk + 1000])
    assert login(alice.user).get(missing, follow=True).status_code == 404
    assert alice.user.email not in url  # nothing personal in the address
