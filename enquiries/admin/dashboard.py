"""Panels on the admin dashboard: a coordinator's open enquiries, those close to the SLA
first; for managers, what in the email outbox needs attention."""

from django.db.models import F
from django.urls import reverse
from wagtail.admin.ui.components import Component

from ..messaging import outbox
from ..models import Enquiry, OutgoingEmail
from ..routing import clock


class MyEnquiriesPanel(Component):
    name = "my_enquiries"
    order = 50
    template_name = "enquiries/admin/dashboard_panel.html"

    def __init__(self, coordinator):
        self.coordinator = coordinator

    def get_context_data(self, parent_context=None):
        open_enquiries = list(
            Enquiry.objects.filter(coordinator=self.coordinator, status__in=Enquiry.OPEN_STATUSES)
            .select_related("treatment")
            .order_by(F("answer_due_at").asc(nulls_last=True), "assigned_at")
        )
        warn_until = clock.at_risk_until()
        return {
            "open_enquiries": open_enquiries,
            "near_sla": [
                e
                for e in open_enquiries
                if e.status in Enquiry.ANSWER_DUE_STATUSES
                and e.answer_due_at
                and e.answer_due_at <= warn_until
            ],
        }


class OutboxPanel(Component):
    name = "email_outbox"
    order = 40
    template_name = "enquiries/admin/outbox_panel.html"

    def get_context_data(self, parent_context=None):
        counts = outbox.status_counts()
        return {
            "failed": counts[OutgoingEmail.Status.FAILED],
            "undecided": counts[OutgoingEmail.Status.NEEDS_DECISION],
            "in_doubt": counts[OutgoingEmail.Status.IN_DOUBT],
            "overdue": counts["overdue"],
            "url": reverse("enquiry_outbox:index"),
        }
