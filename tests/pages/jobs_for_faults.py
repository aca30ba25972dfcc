"""A job function for the fault tests of translation jobs: it records each run in a file,
and the first run takes long enough for the test to kill its worker."""

import time
from pathlib import Path


def slow_the_first_time(record: str) -> None:
    path = Path(record)
    runs = path.read_text().count("run\n") if path.exists() else 0
    with path.open("a") as file:
        file.write("run\n")
    if runs == 0:
        time.sleep(120)
