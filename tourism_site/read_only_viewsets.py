"""Listings the system writes and staff only read (the outbox, the access log, translation
jobs)."""

from django.urls import path


class ReadOnlyViewSetMixin:
    """A ModelViewSet with its listing (and inspect view, if enabled) only: no add, edit,
    copy or delete views. `extra_urlpatterns()` adds a viewset's own actions."""

    def get_urlpatterns(self):
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]
        if self.inspect_view_enabled:
            patterns.append(path("inspect/<int:pk>/", self.inspect_view, name="inspect"))
        return patterns + self.extra_urlpatterns()

    def extra_urlpatterns(self) -> list:
        return []
