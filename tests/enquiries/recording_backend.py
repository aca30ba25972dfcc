"""anymail's test backend, also recording each message it accepts in Redis, so that a test
in another process can count what a worker really handed to the "provider" (and see a
message sent twice). TEST_EMAIL_DELAY_SECONDS slows each send, to kill a worker mid-batch."""

import time

import redis
from anymail.backends.test import EmailBackend as AnymailTestBackend
from django.conf import settings

SENT_KEY = "test-email-backend:sent"


class EmailBackend(AnymailTestBackend):
    def post_to_esp(self, payload, message):
        if settings.TEST_EMAIL_DELAY_SECONDS:
            time.sleep(settings.TEST_EMAIL_DELAY_SECONDS)
        response = super().post_to_esp(payload, message)
        client = redis.Redis.from_url(settings.REDIS_URL)
        client.rpush(SENT_KEY, message.metadata.get("email_id", "?"))
        return response

    def get_esp_message_id(self, message):
        # The outbox grows without end in a long-running worker: no list search per message.
        return f"test-{message.metadata.get('email_id', id(message))}"
