"""The coordinators' and managers' side of the Wagtail admin: views, forms, permissions,
the dashboard panel and the email-template snippets. `wagtail_hooks.py` (at the app root,
where Wagtail finds it) only registers what is defined here.

Uses `intake`, `routing`, `messaging` and `models`; nothing below imports from here.
"""
