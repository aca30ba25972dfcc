# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-dev messages demo lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

install-dev: install
	$(BIN)/pip install --quiet -r requirements-dev.txt

messages:
	$(BIN)/python manage.py compilemessages --ignore=$(VENV) -v0

# Set up everything on the embedded default (SQLite, no servers) and run the site, with a
# Celery worker and beat beside it (broker: a SQLite file, or Redis when REDIS_URL is set).
run: install messages
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py load_demo_content
	$(BIN)/celery -A tourism_site worker --beat --loglevel=warning --concurrency=2 & \
	trap 'kill $$!' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 0.0.0.0:8000

# Start PostgreSQL and Redis when installed (or use DATABASE_URL / REDIS_URL), then pytest.
test: install-dev messages
	.ci/test

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
