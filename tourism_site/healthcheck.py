"""Container health check: `python -m tourism_site.healthcheck [--check NAME] [URL]`.

Reads /health/ (default http://web:8000/health/) and exits 0 when the report, or the one
check named, is ok; 1 otherwise, also when the site does not answer. Plain Python, so that
it runs in any container of the stack without setting Django up.
"""

import argparse
import json
import sys
import urllib.error
import urllib.request


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?", default="http://web:8000/health/")
    parser.add_argument("--check", help="one check of the report, e.g. beat")
    args = parser.parse_args()
    try:
        with urllib.request.urlopen(args.url, timeout=5) as response:
            report = json.load(response)
    except urllib.error.HTTPError as error:  # 503: the report says what failed
        report = json.load(error)
    except (OSError, ValueError) as error:
        print(f"no health report: {error}", file=sys.stderr)
        return 1
    part = report["checks"].get(args.check, {}) if args.check else report
    print(json.dumps(part))
    return 0 if part.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
