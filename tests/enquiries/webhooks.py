"""Provider webhooks as the providers post them, for tests of tracking."""

import base64
import hashlib
import hmac
import json
import secrets
import time

from django.test import Client

AUTH = "Basic " + base64.b64encode(b"webhook:test-secret").decode()
POSTMARK_URL = "/anymail/postmark/tracking/"
MAILGUN_URL = "/anymail/mailgun/tracking/"
BREVO_URL = "/anymail/brevo/tracking/"
MAILJET_URL = "/anymail/mailjet/tracking/"
TRACKING_URLS = [POSTMARK_URL, MAILGUN_URL, BREVO_URL, MAILJET_URL]


def post(path, payload, auth=AUTH):
    """Post a payload as JSON (or bytes as they are)."""
    client = Client(HTTP_HOST="localhost")
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    body = payload if isinstance(payload, bytes) else json.dumps(payload)
    return client.post(path, body, content_type="application/json", **headers)


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


def mailgun_signature(key="test-key", signed_at=None, token=None):
    """A signature block as Mailgun signs it: a fresh token for every webhook it sends."""
    timestamp = str(int(signed_at if signed_at is not None else time.time()))
    token = token or secrets.token_hex(25)
    signature = hmac.new(key.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()
    return {"timestamp": timestamp, "token": token, "signature": signature}


def mailgun(event, message_id, recipient="patient@example.com", key="test-key", **signed):
    data = {
        "event": event,
        "timestamp": time.time(),
        "id": "evt-1",
        "recipient": recipient,
        "message": {"headers": {"message-id": message_id}},
        "user-variables": {},
    }
    if event == "failed":
        data["severity"] = "permanent"
        data["delivery-status"] = {"code": 550, "message": "No such user"}
    return {"signature": mailgun_signature(key, **signed), "event-data": data}


def brevo(event, message_id, recipient="patient@example.com", **extra):
    return {
        "event": event,
        "email": recipient,
        "id": 1234567,
        "date": "2026-11-26 11:00:00",
        "ts_event": 1795690800,
        "message-id": message_id,
        "reason": "mailbox full" if event == "soft_bounce" else "",
        **extra,
    }


def mailjet(event, message_id, recipient="patient@example.com", **extra):
    return {
        "event": event,
        "time": 1795690800,
        "MessageID": message_id,
        "Message_GUID": "1ab23cd4-e567-8901-2345-6789f0gh1i2j",
        "email": recipient,
        "mj_campaign_id": 0,
        "mj_contact_id": 1,
        "customcampaign": "",
        "CustomID": "",
        "Payload": "",
        **extra,
    }
