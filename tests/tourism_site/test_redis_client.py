"""The Redis client parses replies with hiredis (requirements.in): every cache read of a page
and every page served from the cache costs less CPU (docs/performance.md)."""

import redis
from django.conf import settings
from redis._parsers.hiredis import _HiredisParser

from tests.enquiries.real_services import require_real_services


def test_replies_are_parsed_by_hiredis():
    require_real_services()
    pool = redis.Redis.from_url(settings.REDIS_URL).connection_pool
    connection = pool.get_connection()
    try:
        assert isinstance(connection._parser, _HiredisParser)
    finally:
        pool.release(connection)
