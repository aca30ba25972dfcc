"""Page and snippet models, one module per content type (re-exported here for Django)."""

from .contact import ContactPage
from .contacts import LanguageContact
from .home import HomePage
from .images import ClinicImage, ClinicRendition
from .kept_terms import KeptTerm
from .markets import MarketRule
from .review import MedicalReviewTask
from .snippets import Clinic, Practitioner, Qualification
from .standard import StandardPage
from .translation_jobs import TranslationJob
from .treatments import (
    Anaesthesia,
    RelatedTreatment,
    TreatmentCategory,
    TreatmentGalleryItem,
    TreatmentIndexPage,
    TreatmentPage,
    TreatmentPractitioner,
)

__all__ = [
    "Anaesthesia",
    "Clinic",
    "ClinicImage",
    "ClinicRendition",
    "ContactPage",
    "HomePage",
    "KeptTerm",
    "LanguageContact",
    "MarketRule",
    "MedicalReviewTask",
    "Practitioner",
    "Qualification",
    "RelatedTreatment",
    "StandardPage",
    "TranslationJob",
    "TreatmentCategory",
    "TreatmentGalleryItem",
    "TreatmentIndexPage",
    "TreatmentPage",
    "TreatmentPractitioner",
]
