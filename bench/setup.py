"""Django set-up shared by the benchmark scripts: a throwaway SQLite database (or the one in
DATABASE_URL) with the demo content, DEBUG off and no page cache."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(load_demo: bool = True, languages=None) -> None:
    sys.path.insert(0, str(ROOT))
    if not os.environ.get("DATABASE_URL"):
        database = Path(tempfile.mkdtemp(prefix="bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-media-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

    import django
    from django.core.management import call_command

    django.setup()
    if not load_demo:  # the database is already prepared (bench/submit.py's phases)
        return
    call_command("migrate", verbosity=0, interactive=False)
    from pages.demo.loader import load_demo_content

    load_demo_content(languages=languages, report=lambda line: None)
