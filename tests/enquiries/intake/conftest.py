import time

import pytest
import time_machine


@pytest.fixture
def stopped_clock():
    """The clock held still for a test that counts against a rate limit.

    django-ratelimit counts in fixed windows: posts that straddle a window's end would see
    the count start again, and the test would pass or fail by the second it ran in."""
    with time_machine.travel(time.time(), tick=False) as traveller:
        yield traveller
