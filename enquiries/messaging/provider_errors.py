"""What a failed provider call means for the email: refused, surely not sent, or unknown.

Only an email that surely did not reach the provider may be sent again automatically. That
is the case when the provider could not be reached (connection refused, DNS, TLS, a connect
timeout), when it answered with an HTTP error, or when the message never left this process
(configuration, serialisation). When the request may have arrived (a read timeout after it
was sent, the connection dropped before the answer, an unreadable success answer, anything
not recognised) the outcome is unknown and the email is put in doubt instead: a person or a
tracking event decides, so that no patient gets the same email twice.
"""

import enum
import smtplib
import socket
import ssl

import requests
from anymail.exceptions import (
    AnymailAPIError,
    AnymailConfigurationError,
    AnymailInvalidAddress,
    AnymailRecipientsRefused,
    AnymailSerializationError,
    AnymailUnsupportedFeature,
)
from urllib3.exceptions import NewConnectionError


class Outcome(enum.Enum):
    REFUSED = "refused"  # the provider will never accept this recipient
    NOT_SENT = "not_sent"  # surely not accepted: retry later
    UNKNOWN = "unknown"  # may have been accepted: never retry automatically


NEVER_LEFT = (AnymailConfigurationError, AnymailSerializationError, AnymailUnsupportedFeature)
UNREACHABLE = (
    requests.exceptions.ConnectTimeout,
    requests.exceptions.SSLError,
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
)
SMTP_NOT_SENT = (
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPNotSupportedError,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,  # the server answered the message with an error code
    ConnectionRefusedError,
    socket.gaierror,
    ssl.SSLError,
)


def classify(error: BaseException) -> Outcome:
    if isinstance(error, (AnymailRecipientsRefused, AnymailInvalidAddress)):
        return Outcome.REFUSED
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return Outcome.REFUSED
    if isinstance(error, NEVER_LEFT):
        return Outcome.NOT_SENT
    if (status := _http_status(error)) is not None:
        # An HTTP error answer means not accepted; a 2xx answer we could not read, accepted.
        return Outcome.UNKNOWN if 200 <= status < 300 else Outcome.NOT_SENT
    if isinstance(error, requests.RequestException):
        return _classify_request_error(error)
    if isinstance(error, AnymailAPIError):
        return Outcome.UNKNOWN
    if isinstance(error, SMTP_NOT_SENT):
        return Outcome.NOT_SENT
    return Outcome.UNKNOWN


def _http_status(error: BaseException) -> int | None:
    """The status of the provider's answer, when there was one."""
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    return status if status is not None else getattr(error, "status_code", None)


def _classify_request_error(error: requests.RequestException) -> Outcome:
    if isinstance(error, UNREACHABLE):
        return Outcome.NOT_SENT
    if isinstance(error, requests.ConnectionError) and not isinstance(error, requests.Timeout):
        # anymail re-raises the requests error with the original as its cause.
        cause = error.__cause__
        original = cause if isinstance(cause, requests.ConnectionError) else error
        reason = original.args[0] if original.args else None
        reason = getattr(reason, "reason", reason)  # urllib3's MaxRetryError wraps it
        if isinstance(reason, NewConnectionError):  # refused, or DNS (a subclass)
            return Outcome.NOT_SENT
    return Outcome.UNKNOWN
