"""One-click unsubscribe from an enquiry's patient emails.

The link carries a signed token naming the enquiry (its id, no personal data); it does not
expire, as unsubscribe links must keep working. Unsubscribing cancels what is pending and
stops anything later being scheduled.
"""

from django.core import signing
from django.db import transaction
from django.utils import timezone

from ..models import Enquiry, EnquiryEvent
from . import followups

# Named after the module's first home; links already sent must keep working.
SALT = "enquiries.unsubscribe"


def make_token(enquiry: Enquiry) -> str:
    return signing.dumps(enquiry.pk, salt=SALT)


def enquiry_for_token(token: str) -> Enquiry | None:
    try:
        enquiry_id = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Enquiry.objects.filter(pk=enquiry_id).first()


def unsubscribe(enquiry: Enquiry) -> None:
    with transaction.atomic():
        updated = Enquiry.objects.filter(pk=enquiry.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=timezone.now()
        )
        if updated:
            followups.cancel_pending([enquiry.pk], "unsubscribed")
            EnquiryEvent.objects.create(enquiry=enquiry, kind=EnquiryEvent.Kind.UNSUBSCRIBED)
