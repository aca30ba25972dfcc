"""A durable spool for enquiries the database could not take (it restarts, it is down).

The web process pushes the cleaned submission onto a Redis list (Redis keeps it on disk
with its append-only file in production, see docker-compose.yml) and the patient sees the
thank-you page with a reference made before the first attempt. Beat's task saves spooled
enquiries once the database is back. Each keeps that reference, which is unique: an
enquiry saved twice (the database committed, but the web process never heard so; a drain
interrupted midway) is saved once. Without Redis there is no spool, and the form comes
back to the patient with what they typed.
"""

import datetime
import json
import logging

import redis
from django.conf import settings
from django.utils import timezone

from pages.models import TreatmentPage

from .submissions import submit_enquiry

logger = logging.getLogger(__name__)

WAITING = "enquiries:spool"
# Taken from WAITING and being saved; put back on the next drain if a drain died midway.
SAVING = "enquiries:spool:saving"
LOCK = "enquiries:spool:lock"
_client = None


def client() -> redis.Redis | None:
    global _client
    if _client is None and settings.REDIS_URL:
        _client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=1
        )
    return _client


def keep(data: dict, page_language: str, reference: str) -> bool:
    """Spool a submission; False when the spool cannot be had either."""
    spool = client()
    if spool is None:
        return False
    item = {
        "data": to_json(data),
        "page_language": page_language,
        "reference": reference,
        "received_at": timezone.now().isoformat(),
    }
    try:
        spool.rpush(WAITING, json.dumps(item))
    except redis.RedisError:
        logger.error("Neither the database nor the spool could take an enquiry.")
        return False
    logger.warning("The database could not take an enquiry; it is spooled.")
    return True


def save_spooled(limit: int = 1000) -> int:
    """Save what waits in the spool (one drain at a time); the number saved."""
    spool = client()
    if spool is None:
        return 0
    saved = 0
    with spool.lock(LOCK, timeout=120, blocking_timeout=0) as locked:
        if not locked:
            return 0  # another worker is draining
        # A drain that died midway left its item in SAVING: it goes first, and its reference
        # tells whether it was saved already.
        while (raw := spool.lindex(SAVING, 0)) or (
            saved < limit and (raw := spool.lmove(WAITING, SAVING, "LEFT", "RIGHT"))
        ):
            item = json.loads(raw)
            _enquiry, created = submit_enquiry(
                from_json(item["data"]),
                page_language=item["page_language"],
                reference=item["reference"],
                received_at=datetime.datetime.fromisoformat(item["received_at"]),
            )
            spool.lpop(SAVING)
            saved += created
            if saved >= limit:
                break
    return saved


def waiting() -> int:
    spool = client()
    return spool.llen(WAITING) + spool.llen(SAVING) if spool is not None else 0


def to_json(data: dict) -> dict:
    """The cleaned form data as JSON: the treatment by id, dates as ISO, the phone as E.164."""
    treatment = data.get("treatment")
    return {
        **{key: data[key] for key in PLAIN_FIELDS},
        "phone": str(data["phone"]),
        "treatment": getattr(treatment, "pk", treatment),
        "travel_from": _date_to_json(data.get("travel_from")),
        "travel_to": _date_to_json(data.get("travel_to")),
    }


def from_json(data: dict) -> dict:
    """Back to what submit_enquiry takes; a treatment unpublished meanwhile is left out."""
    treatment_id = data.get("treatment")
    return {
        **data,
        "treatment": TreatmentPage.objects.filter(pk=treatment_id).first()
        if treatment_id
        else None,
        "travel_from": _date_from_json(data.get("travel_from")),
        "travel_to": _date_from_json(data.get("travel_to")),
    }


PLAIN_FIELDS = (
    "full_name",
    "email",
    "uses_whatsapp",
    "country",
    "language",
    "message",
    "commercial_consent",
)


def _date_to_json(value):
    return value.isoformat() if value else None


def _date_from_json(value):
    return datetime.date.fromisoformat(value) if value else None
