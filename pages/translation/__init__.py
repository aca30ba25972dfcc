"""Keeping eight languages true: facts synchronised from English, machine drafts."""
