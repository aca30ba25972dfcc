"""Load on the production path: gunicorn (DEBUG off) on PostgreSQL and Redis, driven by wrk
with a fixed number of connections for a fixed time (a bounded load), on this machine.

Usage: DATABASE_URL=postgres://.../bench_load REDIS_URL=redis://... \\
       .venv/bin/python bench/load.py [--runs 3] [--seconds 10] [--connections 32] [--workers N]
       [--one-lane]
Needs wrk (apt-get install wrk). The database gets the demo content (idempotent).

Phases, each against a fresh gunicorn: the bare view (the floor, same middleware); the
treatment page from the page cache alone; enquiries alone, posted at --posts-per-second from
their own thread, each from a visitor with its own CSRF cookie (its page visit, then the
form, posted to gunicorn's priority socket as the proxy does, or with --one-lane to the page
views' socket); the cached page with the enquiries at the same time (the issue's budget); the page
rendered on every request (cache off). Each phase also prints the CPU its web server used
(gunicorn's processes) and the whole machine's, in cores: on this 2-core machine wrk and the
posting client share the cores with the site, PostgreSQL and Redis. The phases run --runs
times in turn; the last line has the medians of the runs (errors and lost: the totals):
cached_rps=N uncached_rps=N bare_rps=N post_p99_ms=N errors=N lost=N
"""

import argparse
import http.cookiejar
import os
import re
import runpy
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from setup import setup_django

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOG = Path(os.environ.get("TMPDIR", "/tmp")) / "bench-load-gunicorn.log"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def gunicorn(port: int, workers: int, priority_lane: bool, **env):
    """gunicorn with the project's gunicorn.conf.py: page views on `port`, and with
    `priority_lane` a second socket on port + 100 for what the proxy sends ahead of them."""
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "tourism_site.wsgi", "-w", str(workers)],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "ENQUIRY_RATE_LIMIT": "1000000/m",
            "ENQUIRY_INVALID_RATE_LIMIT": "1000000/m",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_PRIORITY_BIND": f"127.0.0.1:{port + 100}" if priority_lane else "",
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=open(LOG, "a"),  # gunicorn's own log, kept to read after a failed run
    )
    base = f"http://127.0.0.1:{port}"
    priority_base = f"http://127.0.0.1:{port + 100}" if priority_lane else base
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=1)
            urllib.request.urlopen(priority_base + "/robots.txt", timeout=1)
            return process, base, priority_base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def process_cpu_seconds(pid: int) -> float:
    """CPU time of a process and its live children (gunicorn's master and workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def machine_busy_seconds() -> float:
    """CPU time spent by every process on the machine (all cores), from /proc/stat."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wrk(url: str, seconds: int, connections: int) -> tuple[float, int]:
    """Requests per second and errors (socket errors, non-2xx/3xx answers)."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    return rps, errors


def post_enquiries(base, priority_base, page_url, submit_url, page_id, rate, seconds, marker):
    """Post `rate` enquiries a second for `seconds`; (latencies in ms, accepted, failed).

    As behind the proxy: the page visit goes to `base`, the form to `priority_base`."""

    def one(number):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        page = opener.open(base + page_url, timeout=10).read().decode()
        fields = {
            "csrfmiddlewaretoken": TOKEN.search(page).group(1),
            "page": page_id,
            "full_name": "Bench Patient",
            "email": f"{marker}-{number}@example.com",
            "phone": "+49 30 901820",
            "country": "DE",
            "language": "en",
            "treatment": page_id,
            "message": f"Load test {number}",
            "consent": "on",
        }
        request = urllib.request.Request(
            priority_base + submit_url,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Referer": base + page_url},
        )
        started = time.perf_counter()
        try:
            opener.open(request, timeout=10)
            status = 200
        except urllib.error.HTTPError as error:
            status = error.code
        return (time.perf_counter() - started) * 1000, status == 302

    results = []
    with ThreadPoolExecutor(16) as pool:
        start = time.monotonic()
        futures = []
        for number in range(rate * seconds):
            delay = start + number / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(one, number))
        results = [future.result() for future in futures]
    latencies = sorted(ms for ms, _ok in results)
    accepted = sum(ok for _ms, ok in results)
    return latencies, accepted, len(results) - accepted


PHASES = (  # name, page cache seconds, wrk on the page, enquiries posted meanwhile
    ("bare", "600", True, False),
    ("cached_alone", "600", True, False),
    ("posts_alone", "600", False, True),
    ("cached", "600", True, True),
    ("uncached", "0", True, False),
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    # By default as many as production runs: gunicorn.conf.py's count (one per core).
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--posts-per-second", type=int, default=50)
    # Every phase this many times, in turn; the last line gives the medians. This machine's
    # speed drifts by a third within an hour, so one run proves little.
    parser.add_argument("--runs", type=int, default=3)
    # Post the forms to the page views' socket, as without the proxy's priority lane.
    parser.add_argument("--one-lane", action="store_true")
    args = parser.parse_args()
    if args.workers is None:
        args.workers = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get(
        "REDIS_URL"
    ):
        sys.exit(
            "bench/load.py measures the production path: "
            "set DATABASE_URL (PostgreSQL) and REDIS_URL"
        )
    os.environ["CELERY_QUEUE"] = f"bench-load-{uuid.uuid4().hex[:8]}"  # no worker takes them
    setup_django()
    from django.urls import reverse
    from django.utils import translation

    from pages.models import TreatmentPage

    page = TreatmentPage.objects.get(locale__language_code="en", slug="botox")
    with translation.override("en"):
        submit_url = reverse("enquiries:submit")
    lanes = "one socket" if args.one_lane else "forms on the priority socket"
    print(
        f"gunicorn: {args.workers} sync workers, {lanes}, wrk: {args.connections} connections",
        flush=True,
    )
    runs = []
    for number in range(1, args.runs + 1):
        print(f"run {number} of {args.runs}", flush=True)
        runs.append(run_phases(args, page, submit_url, port=8900 + 10 * number))

    def median(name):
        return statistics.median(figures[name] for figures in runs)

    print(
        f"medians of {len(runs)} runs: cached alone {median('cached_alone_rps'):.0f} req/s, "
        f"enquiries alone p99 {median('post_alone_p99_ms'):.0f} ms, "
        f"web CPU per enquiry {median('web_cpu_per_enquiry_ms'):.1f} ms, "
        f"enquiries during the cached phase p50 {median('post_p50_ms'):.0f} ms"
    )
    errors = sum(figures["errors"] for figures in runs)
    lost = sum(figures["lost"] + figures["alone_lost"] for figures in runs)
    print(
        f"cached_rps={median('cached_rps'):.0f} uncached_rps={median('uncached_rps'):.0f} "
        f"bare_rps={median('bare_rps'):.0f} post_p99_ms={median('post_p99_ms'):.1f} "
        f"errors={errors} lost={lost}"
    )


def run_phases(args, page, submit_url, port: int) -> dict:
    """Each phase once, against a fresh gunicorn; the figures, printed as they come."""
    from enquiries.models import Enquiry

    figures = {}
    for phase, cache_seconds, load_page, post in PHASES:
        server, base, priority_base = gunicorn(
            port, args.workers, not args.one_lane, BENCH_PAGE_CACHE_SECONDS=cache_seconds
        )
        try:
            url = base + ("/bench/bare/" if phase == "bare" else page.url)
            urllib.request.urlopen(url).read()  # warm: the first render fills the cache
            started = time.monotonic(), process_cpu_seconds(server.pid), machine_busy_seconds()
            started += (time.process_time(),)
            poster = None
            if post:
                marker = f"load{uuid.uuid4().hex[:6]}"
                box = {}
                poster_args = (base, priority_base, page.url, submit_url, page.pk)
                poster_args += (args.posts_per_second, args.seconds, marker)
                poster = threading.Thread(
                    target=lambda box=box, poster_args=poster_args: box.update(
                        result=post_enquiries(*poster_args)
                    )
                )
                poster.start()
            rps, errors = wrk(url, args.seconds, args.connections) if load_page else (0, 0)
            line = f"{phase:<13} {rps:>6.0f} req/s  errors={errors}"
            if poster is not None:
                poster.join()
                latencies, accepted, refused = box["result"]
                saved = Enquiry.objects.filter(email__startswith=marker).count()
                prefix = "" if load_page else "alone_"
                figures.update(
                    {
                        f"post_{prefix}p50_ms": statistics.median(latencies),
                        f"post_{prefix}p99_ms": latencies[int(len(latencies) * 0.99) - 1],
                        f"{prefix}posted": len(latencies),
                        f"{prefix}refused": refused,
                        f"{prefix}lost": accepted - saved,
                    }
                )
                line += (
                    f"  posts={len(latencies)} p50={figures[f'post_{prefix}p50_ms']:.0f} ms "
                    f"p99={figures[f'post_{prefix}p99_ms']:.0f} ms lost={accepted - saved}"
                )
            elapsed = time.monotonic() - started[0]
            web_cpu = process_cpu_seconds(server.pid) - started[1]
            web_cores = web_cpu / elapsed
            machine_cores = (machine_busy_seconds() - started[2]) / elapsed
            client_cores = (time.process_time() - started[3]) / elapsed  # the posting threads
            if not load_page:
                web_ms = web_cpu / figures["alone_posted"] * 1000
                figures["web_cpu_per_enquiry_ms"] = web_ms
                line += f"  web CPU per enquiry (visit + form) {web_ms:.1f} ms"
            figures[f"{phase}_rps"], figures[f"{phase}_errors"] = rps, errors
            line += f"  cores: web {web_cores:.2f}, posting client {client_cores:.2f}, "
            line += f"machine {machine_cores:.2f} of {os.cpu_count()}"
            print(line, flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
            port += 1

    errors = sum(figures[f"{phase}_errors"] for phase, *_rest in PHASES)
    figures["errors"] = errors + figures["refused"] + figures["alone_refused"]
    return figures


if __name__ == "__main__":
    main()
