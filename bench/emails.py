"""Rendering patient emails on one core: HTML with inlined CSS plus text, placeholders
filled from the treatment pages, every kind in every language.

Usage: .venv/bin/python bench/emails.py [--emails N]
Runs against a throwaway SQLite database with the demo content (or DATABASE_URL). Renders
as the sender does: one Composer per batch of 100 emails. Last line: rendered_per_s=N
"""

import argparse
import statistics
import time

from setup import setup_django

BATCH = 100


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--emails", type=int, default=4000)
    args = parser.parse_args()
    setup_django()

    from django.conf import settings

    from enquiries.messaging.composer import Composer
    from enquiries.models import FollowUpKind
    from pages.models import TreatmentPage
    from tests.enquiries.factories import days_from_today, make_coordinator, make_enquiry

    coordinator = make_coordinator(["en"])
    treatments = list(TreatmentPage.objects.filter(locale__language_code="en"))
    languages = [code for code, _name in settings.LANGUAGES]
    enquiries = [
        make_enquiry(
            language=languages[n % len(languages)],
            treatment=treatments[n % len(treatments)],
            coordinator=coordinator,
            status="assigned",
            travel_from=days_from_today(30),
        )
        for n in range(200)
    ]
    kinds = FollowUpKind.values
    jobs = [(kinds[n % len(kinds)], enquiries[n % len(enquiries)]) for n in range(args.emails)]

    rates = []
    for _round in range(5):
        started = time.perf_counter()
        for start in range(0, len(jobs), BATCH):
            composer = Composer()
            batch = jobs[start : start + BATCH]
            composer.prepare([enquiry for _kind, enquiry in batch])
            for kind, enquiry in batch:
                email = composer.compose(kind, enquiry, enquiry.language)
                assert email.html and email.text
        rates.append(len(jobs) / (time.perf_counter() - started))
    print(f"rounds={len(rates)} emails_per_round={len(jobs)} (medians below)")
    print(f"rendered_per_s={statistics.median(rates):.0f}")


if __name__ == "__main__":
    main()
