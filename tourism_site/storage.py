"""Storage for files nobody may fetch by URL (patients' attachments)."""

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        raise NotImplementedError("Private files have no URL: serve them through a checked view.")
