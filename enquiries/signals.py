"""Receivers: the provider's tracking events and patients' replies, and treatment pages
being published."""

from anymail.signals import inbound, tracking
from django.dispatch import receiver
from wagtail.signals import page_published

from pages.models import TreatmentPage

from .messaging import followups
from .messaging import tracking as delivery_tracking
from .routing import handling


@receiver(tracking)
def record_tracking_event(sender, event, esp_name, **kwargs):
    delivery_tracking.record(event, esp_name)


@receiver(inbound)
def thread_patient_reply(sender, event, esp_name, **kwargs):
    handling.receive_reply(event.message, esp_name, event.event_id)


@receiver(page_published)
def reschedule_reminders(sender, instance, **kwargs):
    if isinstance(instance, TreatmentPage):
        followups.reschedule_reminders(instance)
