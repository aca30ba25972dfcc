"""How many enquiries one client may send.

Valid enquiries count against ENQUIRY_RATE_LIMIT. Refused ones (a typo, a missing field)
count against their own, higher ENQUIRY_INVALID_RATE_LIMIT, so that a patient correcting
mistakes never uses up the allowance, while a script hammering the form is still stopped.
The client is found by tourism_site.security.client_ip (behind TRUSTED_PROXY_COUNT proxies).
"""

from django.conf import settings
from django_ratelimit.core import get_usage

ACCEPTED = "enquiries"
INVALID = "enquiries-invalid"


def _usage(request, group: str, rate: str, increment: bool):
    # None when the cache is unreachable: the limit fails open (RATELIMIT_FAIL_OPEN).
    return get_usage(request, group=group, key="ip", rate=rate, increment=increment)


def count_sent(request) -> bool:
    """Count one more enquiry sent; whether the client has now sent too many.

    Counted before the enquiry is saved, in one cache round trip (not a check, then a count
    once saved): a client past the allowance stays past it until the window ends."""
    usage = _usage(request, ACCEPTED, settings.ENQUIRY_RATE_LIMIT, increment=True)
    return usage is not None and usage["should_limit"]


def count_refused(request) -> bool:
    """Count a refused submission; whether the client has now sent too many."""
    usage = _usage(request, INVALID, settings.ENQUIRY_INVALID_RATE_LIMIT, increment=True)
    return usage is not None and usage["should_limit"]
