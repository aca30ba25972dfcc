"""Render each page type in each language in-process; print queries, median and p90.

Usage: .venv/bin/python bench/pages.py [--rounds N] [--types TreatmentPage ...] [--page-cache]
Runs against a throwaway SQLite database with the demo content (or DATABASE_URL), DEBUG off,
through the site's full middleware, without the page cache (with it: --page-cache). Requests
are interleaved (one of each page per round) so that a slow moment of the machine hits every
page alike. The last line is the median of a bare view through the same middleware in the
same run, for scale.
"""

import argparse
import os
import statistics
import time
from pathlib import Path

from setup import setup_django


def page_weight(client, url) -> tuple[int, int, list[str]]:
    """Bytes of the HTML, bytes of the images it loads at first (src, not srcset), and any
    resource it would fetch from another site."""
    import re

    from django.conf import settings

    html = client.get(url).content.decode()
    sources = re.findall(r'<(?:img|script|link)[^>]+(?:src|href)="([^"]+)"', html)
    external = [
        source
        for source in sources
        if source.startswith(("http:", "https:", "//"))
        and not source.startswith(settings.WAGTAILADMIN_BASE_URL)
    ]
    media = settings.MEDIA_URL
    images = sum(
        (Path(settings.MEDIA_ROOT) / source[len(media) :]).stat().st_size
        for source in re.findall(r'<img[^>]+src="([^"]+)"', html)
        if source.startswith(media)
    )
    return len(html.encode()), images, external


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm what outlives a request (site root paths, renditions)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--types", nargs="*", help="page types to measure (default: all)")
    parser.add_argument("--page-cache", action="store_true", help="serve from the page cache")
    args = parser.parse_args()
    if args.page_cache:
        os.environ["BENCH_PAGE_CACHE_SECONDS"] = "600"
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
    if args.types:
        sources = [source for source in sources if type(source).__name__ in args.types]
    targets = [("bare view", "-", "/bench/bare/")]
    for source in sources:
        for code, _name in settings.LANGUAGES:
            page = type(source).objects.get(
                locale__language_code=code, translation_key=source.translation_key
            )
            targets.append((type(source).__name__, code, page.url))

    queries = {url: count_queries(client, url) for _kind, _code, url in targets}
    weights = {url: page_weight(client, url) for _kind, _code, url in targets[1:]}
    from django.contrib.staticfiles import finders

    stylesheet = Path(finders.find("css/site.css")).stat().st_size
    timings = {url: [] for _kind, _code, url in targets}
    for _round in range(args.rounds):
        for _kind, _code, url in targets:
            started = time.perf_counter()
            client.get(url)
            timings[url].append((time.perf_counter() - started) * 1000)

    # Weight: the HTML and the stylesheet (no script), then the images loaded at first.
    print(
        f"{'page type':<20} {'lang':<4} {'queries':>7} {'median ms':>10} {'p90 ms':>8}"
        f" {'html+css KB':>12} {'images KB':>10} {'external':>8}"
    )
    for kind, code, url in targets[1:]:
        samples = sorted(timings[url])
        median, p90 = statistics.median(samples), samples[int(len(samples) * 0.9) - 1]
        html, images, external = weights[url]
        print(
            f"{kind:<20} {code:<4} {queries[url]:>7} {median:>10.2f} {p90:>8.2f}"
            f" {(html + stylesheet) / 1024:>12.1f} {images / 1024:>10.1f} {len(external):>8}"
        )
    print(f"bare_view_median_ms={statistics.median(timings['/bench/bare/']):.2f}")


if __name__ == "__main__":
    main()
