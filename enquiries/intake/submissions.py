"""Receiving an enquiry: saved first, routed after the commit, whatever the queue's state."""

import hashlib
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from tourism_site import dispatch

from ..models import Enquiry, EnquiryEvent, EnquiryPhoto
from ..models.enquiry import new_reference

# Looked up by name: services never import tasks.py, which imports them.
ROUTE_TASK = "enquiries.tasks.route_enquiries"


def fingerprint(email: str, treatment_id: int | None, message: str) -> str:
    normalised = "\n".join(
        [email.strip().lower(), str(treatment_id or ""), " ".join(message.split())]
    )
    return hashlib.sha256(normalised.encode()).hexdigest()


def submit_enquiry(
    data: dict, page_language: str, reference: str | None = None, received_at=None
) -> tuple[Enquiry, bool]:
    """Save an enquiry from the form's cleaned data; (enquiry, created).

    A double submission (same email, treatment and message within the duplicate window)
    returns the enquiry already saved, and so does a reference saved before (an enquiry
    from the spool, see spool.py, that reached the database after all).
    """
    now = received_at or timezone.now()
    window = settings.ENQUIRY_DUPLICATE_MINUTES * 60
    treatment = data.get("treatment")
    print_ = fingerprint(data["email"], treatment.pk if treatment else None, data["message"])
    since = now - timezone.timedelta(seconds=window)
    # Only what the thank-you needs (the rest loads if asked for).
    existing = (
        Enquiry.objects.filter(fingerprint=print_, created_at__gte=since)
        .only("id", "reference")
        .first()
    )
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            enquiry = Enquiry.objects.create(
                reference=reference or new_reference(),
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                uses_whatsapp=data["uses_whatsapp"],
                country=data["country"],
                language=data["language"],
                treatment=treatment,
                travel_from=data.get("travel_from"),
                travel_to=data.get("travel_to"),
                message=data["message"],
                consent_at=now,
                privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
                **commercial_consent(data, now),
                fingerprint=print_,
                duplicate_window=int(now.timestamp()) // window,
            )
            if received_at is not None:  # from the spool: received then, saved now
                Enquiry.objects.filter(pk=enquiry.pk).update(created_at=received_at)
            EnquiryEvent.objects.create(
                enquiry=enquiry,
                kind=EnquiryEvent.Kind.RECEIVED,
                data={"page_language": page_language},
            )
            save_photos(enquiry, data.get("photos") or [])
            transaction.on_commit(partial(dispatch_routing, enquiry.pk))
    except IntegrityError:
        # Saved before under this reference (from the spool), or the same double submission
        # committed a moment earlier by another request.
        saved = Enquiry.objects.filter(reference=reference).first() if reference else None
        return saved or Enquiry.objects.get(
            fingerprint=print_, duplicate_window=int(now.timestamp()) // window
        ), False
    return enquiry, True


def dispatch_routing(enquiry_id: int) -> None:
    """Queue the routing task without waiting for the broker (see tourism_site/dispatch.py)."""
    dispatch.send_later(ROUTE_TASK, enquiry_id)


def commercial_consent(data: dict, now) -> dict:
    # Spooled before the field was renamed: "reminders_opt_in".
    if data.get("commercial_consent", data.get("reminders_opt_in")):
        return {
            "commercial_consent_at": now,
            "commercial_notice_version": settings.PRIVACY_NOTICE_VERSION,
        }
    return {}


def save_photos(enquiry: Enquiry, photos) -> None:
    """The cleaned photos (intake/photos.py), into private storage under random names."""
    for photo in photos:
        row = EnquiryPhoto(
            enquiry=enquiry,
            content_type=photo.content_type,
            width=photo.width,
            height=photo.height,
            size=len(photo.content),
        )
        row.file.save(f"photo.{photo.extension}", ContentFile(photo.content), save=False)
        row.save()
