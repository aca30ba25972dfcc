"""Render each page type in each language in-process; print queries, median and p90.

Usage: .venv/bin/python bench/pages.py [--runs N]
Runs against a throwaway SQLite database with the demo content (or DATABASE_URL), DEBUG off,
no page cache. The last line is the median of a bare view through the same middleware, in
the same run, so the ratio can be read on any machine.
"""

import argparse
import statistics
import time

from setup import setup_django


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches that persist across requests (site root paths, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return len(queries), statistics.median(timings), timings[int(len(timings) * 0.9) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.test import Client

    from pages.models import HomePage, StandardPage, TreatmentIndexPage, TreatmentPage

    client = Client(HTTP_HOST="localhost")
    sources = [
        HomePage.objects.get(locale__language_code="en"),
        TreatmentIndexPage.objects.get(locale__language_code="en"),
        TreatmentPage.objects.get(locale__language_code="en", slug="botox"),
        StandardPage.objects.get(locale__language_code="en", slug="about"),
    ]
    print(f"{'page type':<20} {'lang':<4} {'queries':>7} {'median ms':>10} {'p90 ms':>8}")
    for source in sources:
        model = type(source)
        for code, _name in settings.LANGUAGES:
            page = model.objects.get(
                locale__language_code=code, translation_key=source.translation_key
            )
            queries, median, p90 = measure(client, page.url, args.runs)
            print(f"{model.__name__:<20} {code:<4} {queries:>7} {median:>10.2f} {p90:>8.2f}")
    _queries, bare_median, _p90 = measure(client, "/bench/bare/", args.runs)
    print(f"bare_view_median_ms={bare_median:.2f}")


if __name__ == "__main__":
    main()
