"""schema.org JSON-LD for treatment pages: a MedicalWebPage about a MedicalProcedure, and an
FAQPage for the questions, so search engines can show them as rich results.

Called by TreatmentPage.get_context with the page itself; it imports no model, so that the
models depend on it and not the other way round.
"""

from django.utils.html import strip_tags


def _plain(html: str) -> str:
    # A space before each tag keeps "end.</p><p>Start" from running together.
    return " ".join(strip_tags(html.replace("<", " <")).split())


def medical_web_page(page, url: str | None, reviewer=None) -> dict:
    procedure = {
        "@type": "MedicalProcedure",
        "name": page.title,
        "description": page.summary,
        "howPerformed": _plain(page.how_it_works),
        "followup": " ".join(str(step.value) for step in page.aftercare_steps),
    }
    if page.risks:
        procedure["risks"] = _plain(page.risks)
    if page.contraindications:
        procedure["contraindication"] = _plain(page.contraindications)
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "description": page.summary,
        "inLanguage": page.locale.language_code,
        "about": procedure,
        "mainEntity": procedure,
    }
    if url:
        data["url"] = url
    if page.reviewed_on:
        data["lastReviewed"] = page.reviewed_on.isoformat()
    if reviewer:
        data["reviewedBy"] = {
            "@type": "Person",
            "name": reviewer.name,
            "jobTitle": reviewer.get_qualification_display(),
        }
    return data


def faq_page(page) -> dict | None:
    questions = [
        {
            "@type": "Question",
            "name": block.value["question"],
            "acceptedAnswer": {"@type": "Answer", "text": block.value["answer"]},
        }
        for block in page.faq
    ]
    if not questions:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": page.locale.language_code,
        "mainEntity": questions,
    }
