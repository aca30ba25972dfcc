"""Emails to patients and staff: composing from editors' templates (`composer`), the
follow-up sequence (`followups`), the outbox and its sender (`outbox`, `sender`), staff
notifications (`notifications`), the provider's tracking events (`tracking`) and
unsubscribing (`unsubscribe`, `views`).

Uses `models` only; queues the sending task by name.
"""
