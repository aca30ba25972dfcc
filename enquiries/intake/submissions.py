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


# Attempts at a free reference: with 32^6 codes and a million enquiries saved, two
# collisions in a row happen once in a million enquiries; four never do.
REFERENCE_ATTEMPTS = 4


def submit_enquiry(
    data: dict, page_language: str, reference: str | None = None, received_at=None
) -> tuple[Enquiry, bool]:
    """Save an enquiry from the form's cleaned data; (enquiry, created).

    A double submission (same email, treatment and message within the duplicate window)
    returns the enquiry already saved, and so does a reference saved before for the same
    enquiry (one from the spool, see spool.py, that reached the database after all). A
    reference that another enquiry has is replaced by a new one, and the enquiry is saved.
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
    fields = enquiry_fields(data, now, print_, duplicate_window=int(now.timestamp()) // window)
    given = reference
    for _attempt in range(REFERENCE_ATTEMPTS):
        reference = reference or new_reference()
        try:
            with transaction.atomic():
                enquiry = Enquiry.objects.create(reference=reference, **fields)
                if received_at is not None:  # from the spool: received then, saved now
                    Enquiry.objects.filter(pk=enquiry.pk).update(created_at=received_at)
                record_receipt(enquiry, data, page_language, given)
            return enquiry, True
        except IntegrityError:
            saved = already_saved(reference, print_, fields["duplicate_window"])
            if saved is not None:
                return saved, False
            reference = None  # another enquiry's: this one gets a reference of its own
    raise IntegrityError(f"No free enquiry reference in {REFERENCE_ATTEMPTS} attempts.")


def enquiry_fields(data: dict, now, print_: str, duplicate_window: int) -> dict:
    """The new enquiry's fields, all but its reference."""
    return {
        "full_name": data["full_name"],
        "email": data["email"],
        "phone": data["phone"],
        "uses_whatsapp": data["uses_whatsapp"],
        "country": data["country"],
        "language": data["language"],
        "treatment": data.get("treatment"),
        "travel_from": data.get("travel_from"),
        "travel_to": data.get("travel_to"),
        "message": data["message"],
        "consent_at": now,
        "privacy_notice_version": settings.PRIVACY_NOTICE_VERSION,
        **commercial_consent(data, now),
        "fingerprint": print_,
        "duplicate_window": duplicate_window,
    }


def record_receipt(enquiry: Enquiry, data: dict, page_language: str, given: str | None):
    """Its event, its photos, and its routing once the transaction commits."""
    received = {"page_language": page_language}
    if given and given != enquiry.reference:
        # The reference it was given was another enquiry's. A spooled enquiry's patient
        # was shown it on the thank-you page: staff can still find the enquiry by it.
        received["reference_given"] = given
    EnquiryEvent.objects.create(enquiry=enquiry, kind=EnquiryEvent.Kind.RECEIVED, data=received)
    save_photos(enquiry, data.get("photos") or [])
    transaction.on_commit(partial(dispatch_routing, enquiry.pk))


def already_saved(reference: str, print_: str, duplicate_window: int) -> Enquiry | None:
    """After a refused insert: this enquiry as saved before (from the spool under its
    reference, or by the same double submission a moment earlier in another request), or
    None when the reference is another enquiry's."""
    taken = (
        Enquiry.objects.filter(reference=reference).only("id", "reference", "fingerprint").first()
    )
    if taken is None:
        return Enquiry.objects.get(fingerprint=print_, duplicate_window=duplicate_window)
    return taken if taken.fingerprint == print_ else None


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
