"""The client's address, for the rate limits and the login throttle.

Behind TRUSTED_PROXY_COUNT reverse proxies (a load balancer, nginx...), each appends the
address it received the request from to X-Forwarded-For, so the client is the one the
outermost trusted proxy wrote: that many entries from the right. Entries further left were
written by the client itself and prove nothing. With no trusted proxy, X-Forwarded-For is
ignored and the connection's address is the client.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        return remote  # not through all the proxies: the connection is what we know
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
