"""Receiving enquiries: the form, its views, saving a submission, the cached form markup.

Uses `models`; queues routing by task name after the commit, never waiting for the broker.
"""
