"""A local HTTP stand-in for Postmark's send API, for anymail's real Postmark backend.

It serves `POST /email` on 127.0.0.1 in a thread of the test process (worker processes reach
it over TCP) and records the outbox id (the message's metadata) of every message it accepts,
so that a test can tell what the "provider" really took, and what it took twice. Its mode
says how it answers:
- "accept": 200 with a message id, like Postmark;
- "drop": takes the message, then closes the connection before answering (accepted, but
  the sender cannot know);
- "error": 500, message not taken;
- "slow": waits `delay` seconds, then accepts (a read timeout for an impatient sender).
"""

import json
import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ProviderStub:
    def __init__(self):
        self.mode = "accept"
        self.delay = 0.0
        self.accepted: list[str] = []  # outbox ids, in the order taken
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        # A worker killed mid-request resets its connection: expected here, not worth a trace.
        self.server.handle_error = lambda request, client_address: None
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

    def taken(self) -> Counter:
        with self.lock:
            return Counter(self.accepted)

    def anymail_settings(self, timeout: float = 5) -> dict:
        """ANYMAIL settings that point the Postmark backend here."""
        return {
            "POSTMARK_SERVER_TOKEN": "stub",
            "POSTMARK_API_URL": self.url,
            "REQUESTS_TIMEOUT": timeout,
        }

    def worker_env(self, timeout: float = 5) -> dict:
        """The same, as environment variables for worker processes."""
        return {
            "TEST_EMAIL_BACKEND": "anymail.backends.postmark.EmailBackend",
            "ANYMAIL_POSTMARK_SERVER_TOKEN": "stub",
            "ANYMAIL_POSTMARK_API_URL": self.url,
            "ANYMAIL_REQUESTS_TIMEOUT": str(timeout),
        }

    def _take(self, body: dict) -> str:
        with self.lock:
            self.accepted.append(body.get("Metadata", {}).get("email_id", "?"))
        return str(uuid.uuid4())

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                mode = stub.mode
                if mode == "error":
                    self._answer(500, {"ErrorCode": 500, "Message": "Internal error"})
                    return
                if mode == "slow":
                    time.sleep(stub.delay)
                message_id = stub._take(body)
                if mode == "drop":
                    self.close_connection = True  # no answer at all
                    return
                self._answer(
                    200,
                    {
                        "To": body["To"],
                        "SubmittedAt": "2026-12-01T10:00:00Z",
                        "MessageID": message_id,
                        "ErrorCode": 0,
                        "Message": "OK",
                    },
                )

            def _answer(self, status, data):
                payload = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler
