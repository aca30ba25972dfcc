"""Form POST to the thank-you redirect, in-process, with the broker up and with it down.

Usage: .venv/bin/python bench/submit.py [--posts N]
"Up" uses Redis when REDIS_URL is set, else the embedded SQLite broker; "down" points the
broker (and the cache) at a closed port. Each phase runs in its own process, on one
throwaway SQLite database with the demo content. Last line:
post_median_ms=N post_median_ms_broker_down=N
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from setup import setup_django

HERE = Path(__file__).resolve().parent


def measure(posts: int) -> float:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from enquiries.models import Enquiry
    from pages.models import TreatmentPage

    settings.ENQUIRY_RATE_LIMIT = "100000/m"
    page = TreatmentPage.objects.get(locale__language_code="de", slug="botox")
    with translation.override("de"):
        url = reverse("enquiries:submit")
    client = Client(HTTP_HOST="localhost")
    fields = {
        "page": page.pk,
        "full_name": "Bench Patient",
        "phone": "+49 30 901820",
        "country": "DE",
        "language": "de",
        "treatment": page.pk,
        "consent": "on",
    }
    timings = []
    for number in range(posts + 10):
        data = {
            **fields,
            "email": f"p{number}-{time.monotonic_ns()}@example.com",
            "message": f"m{number}",
        }
        started = time.perf_counter()
        response = client.post(url, data)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 302, response.status_code
        if number >= 10:  # warm-up
            timings.append(elapsed)
    assert Enquiry.objects.count() >= posts
    return statistics.median(timings)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--phase", choices=["up", "down"])
    args = parser.parse_args()

    if args.phase:
        setup_django(load_demo=False)
        print(f"{measure(args.posts):.2f}")
        return

    database = Path(tempfile.mkdtemp(prefix="bench-submit-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    setup_django()  # migrate and load the demo once, for both phases
    results = {}
    for phase, extra in (("up", {}), ("down", {"REDIS_URL": "redis://127.0.0.1:1/0"})):
        env = {**os.environ, **extra}
        out = (
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "submit.py"),
                    "--phase",
                    phase,
                    "--posts",
                    str(args.posts),
                ],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        results[phase] = float(out)
        broker = "Redis" if phase == "up" and os.environ.get("REDIS_URL") else "embedded SQLite"
        broker = broker if phase == "up" else "closed port"
        print(f"{phase:<5} broker={broker:<16} median_ms={results[phase]:.2f}")
    print(f"post_median_ms={results['up']:.2f} post_median_ms_broker_down={results['down']:.2f}")


if __name__ == "__main__":
    main()
