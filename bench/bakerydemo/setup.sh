#!/bin/sh
# Installs Wagtail's bakerydemo beside this project to measure its blog page the way
# bench/pages.py measures ours (docs/performance.md). Usage: bench/bakerydemo/setup.sh [DIR]
# bakerydemo pins Django 6.0, which needs Python 3.12 (PYTHON=python3.12 by default).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-/tmp/bakerydemo}
COMMIT=8e2b625755d8942412d5b7627b146a795933b8b2
PYTHON=${PYTHON:-python3.12}

[ -d "$DIR/src" ] || git clone https://github.com/wagtail/bakerydemo "$DIR/src"
git -C "$DIR/src" checkout -q "$COMMIT"
[ -d "$DIR/venv" ] || "$PYTHON" -m venv "$DIR/venv"
"$DIR/venv/bin/pip" install -q -r "$DIR/src/requirements/base.txt"
cp "$HERE/settings_bench.py" "$DIR/src/bakerydemo/settings/bench.py"
cp "$HERE/bench_urls.py" "$DIR/src/bakerydemo/bench_urls.py"
cd "$DIR/src"
DJANGO_SETTINGS_MODULE=bakerydemo.settings.bench "$DIR/venv/bin/python" manage.py migrate -v0
DJANGO_SETTINGS_MODULE=bakerydemo.settings.bench "$DIR/venv/bin/python" manage.py load_initial_data
echo "Now: BAKERYDEMO=$DIR/src $DIR/venv/bin/python $HERE/bench.py --rounds 200"
