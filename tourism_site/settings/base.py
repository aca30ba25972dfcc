"""Settings shared by every environment.

The environment is read here and in email.py, and only there (django-environ, environment.py);
dev, test and production modules adjust behaviour, never read variables of their own.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .environment import BASE_DIR, env

SECRET_KEY = env("SECRET_KEY", default="insecure-local-development-key")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "phonenumber_field",
    "axes",
    "csp",
    # Last, so their post_migrate hooks run once every other app's permissions exist.
    "pages",
    "enquiries",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tourism_site.security.csp.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a stored visitor's page skips the rest (pages/page_cache.py).
    "pages.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed logins (first backend) and refuses them past the limit.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Content-Security-Policy: only this site's own scripts, styles, images and fonts; no inline
# script on visitors' pages (tourism_site/security/csp.py adds what the Wagtail admin needs).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

ROOT_URLCONF = "tourism_site.urls"
# A refused form in the visitor's language; the enquiry form keeps what was typed.
CSRF_FAILURE_VIEW = "tourism_site.security.csrf.csrf_failure"
WSGI_APPLICATION = "tourism_site.wsgi.application"

# Visitors' pages are Jinja2 templates (templates/ and each app's jinja2/; see
# tourism_site/jinja2.py for why); the admin and the emails are Django templates (each app's
# templates/). A name is looked up in that order.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "tourism_site.jinja2.environment",
            "extensions": [
                "jinja2.ext.i18n",
                "wagtail.jinja2tags.core",
                "wagtail.admin.jinja2tags.userbar",
                "wagtail.images.jinja2tags.images",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default has a web server and a worker writing at once: WAL lets readers
    # and a writer work side by side, IMMEDIATE transactions queue writers instead of failing
    # with "database is locked", and synchronous=NORMAL (safe with WAL) saves an fsync per
    # commit.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        # Parameters bound by PostgreSQL, and a statement run 5 times on a connection kept
        # prepared: PostgreSQL then skips planning it (most of its CPU for a page's few
        # queries) and psycopg skips quoting the parameters (docs/performance.md). Off
        # behind a transaction-pooling PgBouncer without max_prepared_statements.
        database_options.update(server_side_binding=True, prepare_threshold=5)
    if pool_size := env.int("DATABASE_POOL_SIZE", default=0):
        # A pool per process (psycopg's, through Django): connections are reused, and their
        # number stays within what PostgreSQL allows (docs/deploy.md counts them).
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        database_options["pool"] = {"min_size": 1, "max_size": pool_size, "timeout": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is optional: without it the embedded default keeps everything in-process / on disk.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # django-redis: Redis down is a cache miss, so pages still render and enquiries are still
    # received (the rate limit then fails open) during an outage.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Sessions (staff logins) in the database, read through Redis: any web host serves them.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Visitors' pages from the cache for up to this long (purged on every change: pages/page_cache.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

# Admin logins: after AXES_FAILURE_LIMIT wrong passwords for one user, or from one client
# address (for any users), logins are refused for AXES_COOLOFF_MINUTES. Both, because
# guessing one coordinator's password and trying one password on everyone are both attacks.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "tourism_site.security.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. English is the source language of all content; Arabic and Persian are RTL.
LANGUAGE_CODE = "en"
# British English formats for "en" (tourism_site/formats/en/formats.py).
FORMAT_MODULE_PATH = ["tourism_site.formats"]
LANGUAGES = [
    ("en", _("English")),
    ("tr", _("Turkish")),
    ("de", _("German")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("fa", _("Persian")),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Istanbul"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "tourism_site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Patients' attachments: outside MEDIA_ROOT and without a URL (production refuses otherwise);
# only the enquiry's coordinator and managers download them, through a checked admin view.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": {
        "BACKEND": "tourism_site.storage.PrivateStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}

WAGTAIL_SITE_NAME = "Anatolia Care"
# No avatars from gravatar.com (it would learn who uses the admin; the CSP allows no such images).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor a check for releases from staff's browsers
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://localhost:8000")
WAGTAILIMAGES_IMAGE_MODEL = "pages.ClinicImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# New translations stay drafts until a translator publishes them.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILLOCALIZE_JQUERY_LIBRARY = None
# Translating a subtree, filling a new locale: on the Celery workers (pages/translation/jobs.py).
WAGTAILLOCALIZE_JOBS = {"BACKEND": "pages.translation.jobs.CeleryJobBackend"}
# A job running for longer than this lost its worker: the sweep queues it again.
TRANSLATION_JOB_STALLED_SECONDS = env.int("TRANSLATION_JOB_STALLED_SECONDS", default=3600)
# Machine translation as drafts for review (pages/translation/machine.py): DeepL with a key,
# LibreTranslate at a URL (self-hosted keeps the text in the clinic), or "dummy" for demos.
MACHINE_TRANSLATOR = (
    env("MACHINE_TRANSLATOR", default="")
    or ("deepl" if env("DEEPL_AUTH_KEY", default="") else "")
    or ("libretranslate" if env("LIBRETRANSLATE_URL", default="") else "")
)
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": "pages.translation.machine.KeptTermsTranslator",
        "OPTIONS": {
            "ENGINE": MACHINE_TRANSLATOR,
            "AUTH_KEY": env("DEEPL_AUTH_KEY", default=""),
            "LIBRETRANSLATE_URL": env("LIBRETRANSLATE_URL", default=""),
            "API_KEY": env("LIBRETRANSLATE_API_KEY", default=""),
        },
    }
    if MACHINE_TRANSLATOR
    else None
)

# Celery. The database is the source of truth (enquiries and emails are rows first), so a
# lost message only delays work until the periodic sweeps pick it up again.
RUN_DIR = BASE_DIR / "var"  # the embedded broker, beat's schedule
RUN_DIR.mkdir(exist_ok=True)
CELERY_BROKER_URL = REDIS_URL or f"sqla+sqlite:///{RUN_DIR / 'celery-broker.sqlite3'}"
if REDIS_URL:
    # Redelivers a task whose worker died before acknowledging it (see task_acks_late).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    # One beat at a time, whatever runs (celery-redbeat's lock in Redis): a second beat started
    # by mistake waits, and takes over within the lock timeout once the first is gone.
    CELERY_BEAT_SCHEDULER = "redbeat.RedBeatScheduler"
    CELERY_REDBEAT_REDIS_URL = REDIS_URL
    CELERY_REDBEAT_KEY_PREFIX = env("BEAT_KEY_PREFIX", default="redbeat")  # one per site
    CELERY_BEAT_MAX_LOOP_INTERVAL = 5  # seconds between ticks, and between tries for the lock
    CELERY_REDBEAT_LOCK_TIMEOUT = 30
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="celery")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    "redispatch-unrouted-enquiries": {
        "task": "enquiries.tasks.redispatch_unrouted",
        "schedule": 60.0,
    },
    "send-due-emails": {"task": "enquiries.tasks.send_due_emails", "schedule": 30.0},
    "escalate-overdue-enquiries": {"task": "enquiries.tasks.escalate_overdue", "schedule": 300.0},
    "alert-about-outbox": {"task": "enquiries.tasks.alert_about_outbox", "schedule": 300.0},
    "save-spooled-enquiries": {"task": "enquiries.tasks.save_spooled_enquiries", "schedule": 15.0},
    "heartbeat": {"task": "tourism_site.heartbeat", "schedule": 30.0},
    "apply-retention": {"task": "enquiries.tasks.apply_retention", "schedule": 86400.0},
    "clear-expired-sessions": {"task": "tourism_site.clear_expired_sessions", "schedule": 86400.0},
    "requeue-translation-jobs": {"task": "pages.tasks.requeue_translation_jobs", "schedule": 60.0},
    # Editors' go-live and expiry times (Wagtail's scheduling), to the minute.
    "publish-scheduled-pages": {
        "task": "pages.tasks.publish_scheduled",
        "schedule": 60.0,
        "options": {"expires": 55},  # a missed minute is done by the next run, not twice
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(RUN_DIR / "celerybeat-schedule")

# Enquiries
ENQUIRY_RATE_LIMIT = env("ENQUIRY_RATE_LIMIT", default="5/10m")  # accepted, per client IP
# Refused (invalid) submissions, counted apart: typos never use up a patient's allowance.
ENQUIRY_INVALID_RATE_LIMIT = env("ENQUIRY_INVALID_RATE_LIMIT", default="30/10m")
RATELIMIT_FAIL_OPEN = True  # no cache, no limit: losing an enquiry is worse than some spam
# How many reverse proxies in front of the site append to X-Forwarded-For: the client's
# address is that many entries from its right (tourism_site/security/client_ip.py). 0: none.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "tourism_site.security.client_ip.client_ip"
ENQUIRY_DUPLICATE_MINUTES = env.int("ENQUIRY_DUPLICATE_MINUTES", default=5)
ENQUIRY_FALLBACK_LANGUAGE = env("ENQUIRY_FALLBACK_LANGUAGE", default="en")
# Working hours of the clinic (ClinicHours) to answer a patient who waits for it.
ENQUIRY_SLA_HOURS = env.int("ENQUIRY_SLA_HOURS", default=4)
ENQUIRY_REDISPATCH_MINUTES = env.int("ENQUIRY_REDISPATCH_MINUTES", default=2)
PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", default="2026-11")
PRIVACY_NOTICE_SLUG = "privacy"  # of the English privacy notice page, under the home page
# Closed, lost or spam enquiries this old are anonymised; old access log entries deleted.
ENQUIRY_RETENTION_MONTHS = env.int("ENQUIRY_RETENTION_MONTHS", default=24)
ACCESS_LOG_RETENTION_MONTHS = env.int("ACCESS_LOG_RETENTION_MONTHS", default=24)
MANAGER_EMAILS = env.list("MANAGER_EMAILS", default=[])
PHONENUMBER_DEFAULT_REGION = None  # patients write their number in international format

# /health/ (tourism_site/health.py): beat's heartbeat older than this many seconds, or an
# enquiry waiting this many minutes for its first routing attempt, is a failure.
HEALTH_BEAT_SECONDS = env.int("HEALTH_BEAT_SECONDS", default=180)
HEALTH_UNROUTED_MINUTES = env.int("HEALTH_UNROUTED_MINUTES", default=15)

# How often a treatment page must be re-checked by a clinician.
MEDICAL_REVIEW_INTERVAL_MONTHS = env.int("MEDICAL_REVIEW_INTERVAL_MONTHS", default=12)
# Languages whose pages hide before/after galleries unless editors set a market rule
# (pages/models/markets.py): German, for Germany's HWG section 11.
MARKETS_WITHOUT_BEFORE_AFTER = env.list("MARKETS_WITHOUT_BEFORE_AFTER", default=["de"])

from .email import *  # noqa: E402, F403 - the email settings, read from the environment too

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Wagtail's background tasks log every run at INFO; only problems are worth reading.
    "loggers": {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}
