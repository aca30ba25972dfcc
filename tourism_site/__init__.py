from . import prepared_statements  # noqa: F401 - its receiver wraps every PostgreSQL connection
from .celery import app as celery_app

__all__ = ["celery_app"]
