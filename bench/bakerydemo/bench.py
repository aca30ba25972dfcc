#!/usr/bin/env python
"""Render-time benchmark for bakerydemo: bare view vs. blog page vs. home page.

Set up with bench/bakerydemo/setup.sh, then:
  BAKERYDEMO=/tmp/bakerydemo/src /tmp/bakerydemo/venv/bin/python bench/bakerydemo/bench.py
Same method as bench/pages.py: in-process Django test client, DEBUG off, no page cache,
requests interleaved with a bare view through the same middleware.
"""

import argparse
import os
import statistics
import sys
import time

SRC = os.environ.get("BAKERYDEMO", "/tmp/bakerydemo/src")
sys.path.insert(0, SRC)
os.chdir(SRC)  # TEMPLATES DIRS is relative ("bakerydemo/templates")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bakerydemo.settings.bench")

import django  # noqa: E402

django.setup()

from bakerydemo.base.models import HomePage  # noqa: E402
from bakerydemo.blog.models import BlogPage  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.base import Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, instrumented_test_render  # noqa: E402
from django.urls import get_resolver  # noqa: E402
from wagtail.models import Site  # noqa: E402

# Import the URLconf now, then check that nothing (django-debug-toolbar's URLs) made the test
# client copy every template context, which would inflate the timings.
_ = get_resolver().url_patterns
assert Template._render is not instrumented_test_render, "Template._render is instrumented"


def pct(values, p):
    s = sorted(values)
    k = (len(s) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()

    site = Site.objects.get(is_default_site=True)
    host = site.hostname if site.port == 80 else f"{site.hostname}:{site.port}"
    client = Client(HTTP_HOST=host)

    blog = BlogPage.objects.live().order_by("path").first()
    home = HomePage.objects.live().order_by("path").first()
    targets = [
        ("bare", "/bench/bare/"),
        ("blog", blog.relative_url(site)),
        ("home", home.relative_url(site)),
    ]

    queries = {}
    for name, url in targets:
        r = client.get(url)  # warm-up
        assert r.status_code == 200, (name, url, r.status_code)
        with CaptureQueriesContext(connection) as ctx:
            r = client.get(url)
        assert r.status_code == 200, (name, url, r.status_code)
        queries[name] = len(ctx.captured_queries)

    times = {name: [] for name, _ in targets}
    pc = time.perf_counter
    for _ in range(args.rounds):
        for name, url in targets:
            t0 = pc()
            r = client.get(url)
            dt = pc() - t0
            if r.status_code != 200:
                raise SystemExit(f"{name} {url} -> {r.status_code}")
            times[name].append(dt * 1000.0)

    print(f"host={host} rounds={args.rounds} blog_page={blog.title!r} ({targets[1][1]})")
    for name, url in targets:
        t = times[name]
        print(
            f"{name:5s} {url:32s} queries={queries[name]:3d} "
            f"median_ms={statistics.median(t):.3f} p90_ms={pct(t, 90):.3f}"
        )
    bare_med = statistics.median(times["bare"])
    print(f"blog_over_bare_ratio={statistics.median(times['blog']) / bare_med:.1f}")
    print(f"bare_view_median_ms={bare_med:.3f}")


if __name__ == "__main__":
    main()
