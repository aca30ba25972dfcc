"""Provider webhooks as the providers post them, for tests of tracking."""

import base64
import json

from django.test import Client

AUTH = "Basic " + base64.b64encode(b"webhook:test-secret").decode()
POSTMARK_URL = "/anymail/postmark/tracking/"


def post(path, payload, auth=AUTH):
    client = Client(HTTP_HOST="localhost")
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    return client.post(path, json.dumps(payload), content_type="application/json", **headers)


def postmark(record_type, message_id, recipient="patient@example.com", **extra):
    return {
        "RecordType": record_type,
        "MessageID": message_id,
        "Recipient": recipient,
        "Email": recipient,
        "DeliveredAt": "2026-11-26T10:00:00Z",
        "BouncedAt": "2026-11-26T10:00:00Z",
        "Type": "HardBounce",
        "TypeCode": 1,
        "Description": "The server was unable to deliver your message.",
        "Metadata": {},
        **extra,
    }


def postmark_delivered(email_id: int, recipient: str):
    """Postmark's delivery report of one outbox email, found by the id in its metadata."""
    payload = postmark(
        "Delivery", f"pm-{email_id}", recipient, Metadata={"email_id": str(email_id)}
    )
    return post(POSTMARK_URL, payload)
