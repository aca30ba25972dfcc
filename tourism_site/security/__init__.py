"""What protects the site's requests: the client's address behind proxies (for rate limits
and login throttling), the Content-Security-Policy header, and the CSRF failure page."""
