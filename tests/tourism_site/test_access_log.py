"""gunicorn.conf.py: the access log keeps no query strings or referrers, where admin
searches would put patients' names and addresses."""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from tests.enquiries.real_services import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def request(url, **headers):
    try:
        urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)
    except urllib.error.HTTPError:
        pass  # whatever the answer, the request is logged


def test_the_access_log_leaves_out_queries_and_referrers():
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tourism_site.settings.test"}
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "tourism_site.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--access-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base)
        request(
            base + "/admin/enquiries/?q=leila.ahmadi%40example.com",
            Referer=base + "/admin/enquiries/?q=Leila+Ahmadi",
        )
        request(base + "/en/?name=Leila")
    finally:
        server.terminate()
        log = server.communicate(timeout=20)[0]

    lines = [line for line in log.splitlines() if '"GET /admin/enquiries/ HTTP/1.1"' in line]
    assert len(lines) == 1, log  # the request was logged, by its path
    assert '"GET /en/ HTTP/1.1"' in log
    for personal in ("leila", "Leila", "q="):
        assert personal not in log
