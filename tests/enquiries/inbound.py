"""Patients' email replies as the providers post them to anymail's *inbound* webhooks.

Each builder returns what the provider sends; each ``post_*`` sends it as the provider does.
The project mounts the views itself, so every ``post_*`` takes the URL.

- Postmark: ``anymail.webhooks.postmark.PostmarkInboundWebhookView``. One JSON object per
  message (``postmark_inbound``), guarded by basic auth only: ANYMAIL["WEBHOOK_SECRET"]
  ("webhook:test-secret" in the test settings, the ``AUTH`` of webhooks.py). With
  ``raw_email=True`` the payload also carries ``RawEmail`` (Postmark's "include raw email
  content" option); anymail then builds the message from it alone, and takes only the
  envelope sender (the leading Return-Path of ``Headers``) and Bcc from the other fields.
- Mailgun: ``anymail.webhooks.mailgun.MailgunInboundWebhookView``, a route's forward()
  action. Form fields (``mailgun_inbound``), guarded by basic auth (WEBHOOK_SECRET) *and* an
  HMAC-SHA256 of timestamp + token with ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"] ("test-key").
  Mailgun posts "fully parsed" fields (message-headers JSON, body-plain, body-html,
  attachment-1...) or, when the route's URL ends in "mime", the raw message as
  ``body-mime`` (``mime=True``); anymail's own URLs are ``mailgun/inbound/`` and
  ``mailgun/inbound_mime/``, one view. Mailgun posts multipart/form-data when there are
  attachments and application/x-www-form-urlencoded otherwise; so does ``post_mailgun_inbound``.

Both views send ``anymail.signals.inbound`` (sender: the view class, ``esp_name``
"Postmark"/"Mailgun") with an ``AnymailInboundEvent`` whose ``.message`` is an
``AnymailInboundMessage`` (a Python ``email.message.EmailMessage``): ``.from_email``,
``.to``, ``.subject``, ``.text``, ``.html``, ``.stripped_text``, ``.envelope_sender``,
``.envelope_recipient``, headers by ``message["In-Reply-To"]`` / ``message.get(...)``, and
``.attachments`` (parts with ``get_filename()``, ``get_content_type()``,
``get_content_bytes()``). ``event.event_id`` is Postmark's MessageID (a UUID, not the
Message-ID header) or Mailgun's token; ``event.timestamp`` is None for Postmark.

anymail does not check how old a Mailgun signature is: ``signed_at`` signs at another time,
to test a view that does (as the project's tracking webhook does).
"""

import base64
import email.utils
import json
import re
import uuid
from email.message import EmailMessage
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.enquiries.webhooks import AUTH, mailgun_signature

MAILGUN_KEY = "test-key"  # ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"] in the test settings
PATIENT = "Ayşe Yılmaz <ayse@example.com>"

# (filename, content, content type), e.g. ("scan.pdf", b"%PDF-1.4...", "application/pdf")
Attachment = tuple[str, bytes, str]


def new_message_id(domain: str = "mail.example.com") -> str:
    """A fresh Message-ID header value, as the patient's mail client would make it."""
    return f"<{uuid.uuid4().hex}@{domain}>"


def thread_headers(message_id: str, in_reply_to: str = "", references: str = "") -> list:
    """(name, value) pairs for Message-ID, In-Reply-To and References; empty ones left out.

    References defaults to In-Reply-To, as a mail client replying to one message writes it.
    """
    references = references or in_reply_to
    pairs = [("Message-ID", message_id), ("In-Reply-To", in_reply_to), ("References", references)]
    return [(name, value) for name, value in pairs if value]


def raw_mime(
    to: str,
    from_email: str,
    subject: str,
    text: str,
    html: str = "",
    headers: list = (),
    attachments: list[Attachment] = (),
    date: str = "",
) -> str:
    """The whole message as a mail client sends it (RFC 5322, attachments base64)."""
    message = EmailMessage()
    message["From"] = from_email
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = date or email.utils.formatdate(localtime=True)
    for name, value in headers:
        message[name] = value
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for filename, content, content_type in attachments:
        maintype, _, subtype = content_type.partition("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    # Folded as mail clients fold References, one id a line (Python would break the line
    # after "References:", which its own parser then reads back with a leading space).
    head, _, body = message.as_string(policy=message.policy.clone(max_line_length=0)).partition(
        "\n\n"
    )
    head = re.sub(r"^(References: )(.*)$", fold_ids, head, flags=re.MULTILINE)
    return f"{head}\n\n{body}"


def fold_ids(match: re.Match) -> str:
    return match.group(1) + "\n ".join(match.group(2).split())


# Postmark


def postmark_address(address: str) -> dict:
    """A Postmark {Email, Name, MailboxHash} dict: the hash is what follows "+" in the box."""
    name, addr = email.utils.parseaddr(address)
    mailbox = addr.partition("@")[0]
    return {"Email": addr, "Name": name, "MailboxHash": mailbox.partition("+")[2]}


def postmark_inbound(
    to: str,
    from_email: str = PATIENT,
    subject: str = "Re: Your enquiry",
    text: str = "Thank you, that suits me.",
    html: str = "",
    in_reply_to: str = "",
    attachments: list[Attachment] = (),
    *,
    references: str = "",
    message_id: str = "",
    stripped_text: str | None = None,
    raw_email: bool = False,
    envelope_sender: str = "",
) -> dict:
    """Postmark's inbound JSON for one message from ``from_email`` to ``to``.

    The fields Postmark sends: From/FromName/FromFull, To/ToFull, Cc/Bcc (empty),
    OriginalRecipient, Subject, MessageID (Postmark's UUID), Date, MailboxHash, TextBody,
    HtmlBody, StrippedTextReply, Tag, MessageStream, Headers (a list of {Name, Value}:
    Return-Path first, spam checks, then Message-ID, In-Reply-To and References; Postmark
    takes From, To, Subject and Date out of it) and Attachments ({Name, Content (base64),
    ContentType, ContentLength}); with ``raw_email``, RawEmail too.
    """
    message_id = message_id or new_message_id()
    sender = postmark_address(from_email)
    recipient = postmark_address(to)
    date = email.utils.formatdate(localtime=True)
    thread = thread_headers(message_id, in_reply_to, references)
    headers = [
        {"Name": "Return-Path", "Value": f"<{envelope_sender or sender['Email']}>"},
        {"Name": "Received", "Value": "by p-pm-inboundg02a-aws-euwest1a.inbound.postmarkapp.com"},
        {"Name": "X-Spam-Checker-Version", "Value": "SpamAssassin 3.4.0 (2014-02-07)"},
        {"Name": "X-Spam-Status", "Value": "No"},
        {"Name": "X-Spam-Score", "Value": "-0.1"},
        {"Name": "X-Spam-Tests", "Value": "DKIM_SIGNED,DKIM_VALID,SPF_PASS"},
        {"Name": "Received-SPF", "Value": "pass"},
        {"Name": "MIME-Version", "Value": "1.0"},
        *({"Name": name, "Value": value} for name, value in thread),
    ]
    payload = {
        "From": sender["Email"],
        "FromName": sender["Name"],
        "FromFull": sender,
        "To": to,
        "ToFull": [recipient],
        "Cc": "",
        "CcFull": [],
        "Bcc": "",
        "BccFull": [],
        "OriginalRecipient": recipient["Email"],
        "ReplyTo": "",
        "Subject": subject,
        "MessageID": str(uuid.uuid4()),
        "Date": date,
        "MailboxHash": recipient["MailboxHash"],
        "TextBody": text,
        "HtmlBody": html,
        "StrippedTextReply": text if stripped_text is None else stripped_text,
        "Tag": "",
        "MessageStream": "inbound",
        "Headers": headers,
        "Attachments": [
            {
                "Name": filename,
                "Content": base64.b64encode(content).decode("ascii"),
                "ContentType": content_type,
                "ContentLength": len(content),
            }
            for filename, content, content_type in attachments
        ],
    }
    if raw_email:
        payload["RawEmail"] = raw_mime(
            to, from_email, subject, text, html, thread, attachments, date=date
        )
    return payload


def post_postmark_inbound(client: Client | None, url: str, payload, auth: bool | str = True):
    """POST a Postmark inbound payload (dict, or bytes as they are) as Postmark does.

    ``auth``: True sends the test WEBHOOK_SECRET as basic auth; False sends no credentials;
    a string is sent as the Authorization header (e.g. ``basic_auth("webhook:wrong")``).
    """
    client = client or Client(HTTP_HOST="localhost")
    body = payload if isinstance(payload, bytes) else json.dumps(payload)
    return client.post(url, body, content_type="application/json", **auth_headers(auth))


# Mailgun


def mailgun_inbound(
    to: str,
    from_email: str = PATIENT,
    subject: str = "Re: Your enquiry",
    text: str = "Thank you, that suits me.",
    html: str = "",
    in_reply_to: str = "",
    attachments: list[Attachment] = (),
    *,
    references: str = "",
    message_id: str = "",
    stripped_text: str | None = None,
    mime: bool = False,
    envelope_sender: str = "",
    signed: bool = True,
    key: str = MAILGUN_KEY,
    signed_at: float | None = None,
    token: str | None = None,
) -> dict:
    """The fields of Mailgun's forward() POST for one message from ``from_email`` to ``to``.

    Fully parsed (default): sender and recipient (the SMTP envelope), from, subject,
    message-headers (a JSON list of [name, value], in order, with Message-Id, In-Reply-To and
    References), each header again as a field of its own, body-plain, body-html,
    stripped-text, stripped-signature, and for attachments attachment-count and
    attachment-1... (uploaded files, with their filename and content type). With ``mime``:
    sender, recipient, from, subject and body-mime, the whole message.

    Always timestamp, token (50 hex characters, fresh) and signature, an HMAC-SHA256 of
    timestamp + token with ``key``: ``key="wrong"`` forges it, ``signed=False`` leaves the
    three fields out, ``signed_at`` signs at that Unix time (to test freshness checks).
    """
    message_id = message_id or new_message_id()
    sender_addr = email.utils.parseaddr(from_email)[1]
    date = email.utils.formatdate(localtime=True)
    thread = thread_headers(message_id, in_reply_to, references)
    fields = {
        "recipient": email.utils.parseaddr(to)[1],
        "sender": envelope_sender or sender_addr,
        "from": from_email,
        "subject": subject,
    }
    if mime:
        fields["body-mime"] = raw_mime(
            to, from_email, subject, text, html, thread, attachments, date=date
        )
    else:
        boundary = uuid.uuid4().hex
        content_type = "multipart/mixed" if attachments else "multipart/alternative"
        headers = [
            ("Received", "from mail.example.com by mxa.eu.mailgun.org with ESMTP"),
            ("X-Envelope-From", f"<{fields['sender']}>"),
            ("X-Mailgun-Incoming", "Yes"),
            ("X-Mailgun-Sflag", "No"),
            ("X-Mailgun-Sscore", "0.0"),
            ("X-Mailgun-Spf", "Pass"),
            ("X-Mailgun-Dkim-Check-Result", "Pass"),
            ("Mime-Version", "1.0"),
            ("From", from_email),
            ("Date", date),
            # Mailgun writes it as the sender's client did; email headers ignore case.
            *(("Message-Id" if name == "Message-ID" else name, value) for name, value in thread),
            ("Subject", subject),
            ("To", to),
            ("Content-Type", f'{content_type}; boundary="{boundary}"'),
        ]
        fields["message-headers"] = json.dumps([list(pair) for pair in headers])
        # Mailgun also posts each header as a field of its own (anymail reads message-headers).
        fields.update({name: value for name, value in headers if name not in fields})
        fields["body-plain"] = text
        if html:
            fields["body-html"] = html
            fields["stripped-html"] = html
        fields["stripped-text"] = text if stripped_text is None else stripped_text
        fields["stripped-signature"] = ""
        if attachments:
            fields["attachment-count"] = str(len(attachments))
            for number, (filename, content, content_type) in enumerate(attachments, 1):
                fields[f"attachment-{number}"] = SimpleUploadedFile(filename, content, content_type)
    if signed:
        fields.update(mailgun_signature(key, signed_at=signed_at, token=token))
    return fields


def post_mailgun_inbound(client: Client | None, url: str, fields: dict, auth: bool | str = True):
    """POST Mailgun inbound fields as Mailgun does: multipart/form-data with the attachment
    files among ``fields`` (from ``mailgun_inbound``), else form-urlencoded.

    ``auth`` as for ``post_postmark_inbound``: Mailgun's view checks basic auth too when
    WEBHOOK_SECRET is set (the test settings set it), besides the signature.
    """
    client = client or Client(HTTP_HOST="localhost")
    files = [value for value in fields.values() if hasattr(value, "read")]
    for file in files:
        file.seek(0)  # the same fields may be posted again (a provider's retry)
    if files:
        return client.post(url, fields, **auth_headers(auth))  # multipart/form-data
    return client.post(
        url,
        urlencode(fields),
        content_type="application/x-www-form-urlencoded",
        **auth_headers(auth),
    )


# Credentials


def basic_auth(user_pass: str) -> str:
    """An Authorization header value for "user:password"."""
    return "Basic " + base64.b64encode(user_pass.encode()).decode()


def auth_headers(auth: bool | str) -> dict:
    if auth is True:
        auth = AUTH
    return {"HTTP_AUTHORIZATION": auth} if auth else {}
