import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache_on(settings):
    """Visitors' pages from the cache, as in production (the tests run with it off)."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()
