"""Loads the demo site: English pages and snippets from content.py, then their translations
into every site language through wagtail-localize, so the admin shows them as translations.

Idempotent: every step creates only what is missing, so a second run writes nothing.
"""

import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import polib
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from ..models import (
    Clinic,
    ContactPage,
    HomePage,
    KeptTerm,
    LanguageContact,
    Practitioner,
    RelatedTreatment,
    StandardPage,
    TreatmentGalleryItem,
    TreatmentIndexPage,
    TreatmentPage,
    TreatmentPractitioner,
)
from . import content
from .illustrations import drawing, gallery_picture, hero, portrait
from .images import demo_image

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
BLOCK_NAMESPACE = uuid.UUID("6f1f0c52-8d0f-4d59-9a3c-3cbd2b0a5f11")


class MissingTranslation(Exception):
    pass


def _block_id(*parts) -> str:
    """Stable StreamField block ids, so re-running the loader never changes a page's segments."""
    return str(uuid.uuid5(BLOCK_NAMESPACE, "/".join(map(str, parts))))


@transaction.atomic
def load_demo_content(languages=None, report=print) -> list:
    """Load the English demo and translate it into `languages` (default: all the others).

    Returns the translated source objects, in the order translations must be made.
    """
    english = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    for term in content.KEPT_TERMS:
        KeptTerm.objects.get_or_create(term=term)
    clinic = _clinic(english)
    practitioners = {p["key"]: _practitioner(p, clinic, english) for p in content.PRACTITIONERS}
    home = _home(english)
    index = _child(home, TreatmentIndexPage, content.TREATMENT_INDEX["slug"], _index_fields())
    treatments = [
        _child(index, TreatmentPage, data["slug"], _treatment_fields(data, clinic, practitioners))
        for data in content.TREATMENTS
    ]
    _link_related(treatments)
    about = _child(
        home,
        StandardPage,
        content.ABOUT["slug"],
        {**_standard_fields(content.ABOUT), "show_in_menus": True},
    )
    privacy = _child(home, StandardPage, content.PRIVACY["slug"], _standard_fields(content.PRIVACY))
    contact = _child(
        home,
        ContactPage,
        content.CONTACT["slug"],
        {
            "title": content.CONTACT["title"],
            "intro": content.CONTACT["intro"],
            "show_in_menus": True,
        },
    )

    from enquiries.demo import demo_email_templates

    # Snippets first: translated pages point at the translated snippets.
    sources = [
        clinic,
        *practitioners.values(),
        home,
        index,
        *treatments,
        about,
        privacy,
        contact,
        *demo_email_templates(english),
    ]
    if languages is None:
        languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    for code in languages:
        locale = Locale.objects.get(language_code=code)
        catalogue = read_catalogue(code)
        for instance in sources:
            _translate(instance, locale, catalogue)
        report(f"Demo content available in {code}.")
    _language_contacts()
    return sources


# The demo's lines for each language's coordinators (made-up numbers in Istanbul's range).
DEMO_HOURS = {
    "en": "Mon–Fri 9:00–18:00 (Istanbul time)",
    "tr": "Pzt–Cum 9:00–18:00 (İstanbul saati)",
    "de": "Mo–Fr 9:00–18:00 Uhr (Istanbuler Zeit)",
    "ar": "من الاثنين إلى الجمعة 9:00–18:00 (بتوقيت إسطنبول)",
    "ru": "Пн–Пт 9:00–18:00 (по стамбульскому времени)",
    "fr": "Lun–ven 9 h–18 h (heure d’Istanbul)",
    "nl": "Ma–vr 9.00–18.00 uur (tijd in Istanbul)",
    "fa": "دوشنبه تا جمعه ۹:۰۰ تا ۱۸:۰۰ (به وقت استانبول)",
}


def _language_contacts():
    for number, (code, _name) in enumerate(settings.LANGUAGES, start=1):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        LanguageContact.objects.get_or_create(
            locale=locale,
            defaults={
                "phone": f"+9021294500{number:02d}",
                "whatsapp": f"+9053294500{number:02d}",
                "hours": DEMO_HOURS.get(code, ""),
            },
        )


def _readable(path: str) -> str:
    # Child objects' segments carry a random uuid ("gallery_items.<uuid>.caption"); leave it
    # out so the template does not change each time it is written.
    return re.sub(r"\.[0-9a-f-]{36}\.", ".", path)


def write_template(sources, path: Path) -> int:
    """Write every translatable string of the demo to a PO template for translators."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=utf-8"}
    seen = set()
    for instance in sources:
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        for segment in source.stringsegment_set.select_related("string", "context").order_by(
            "order"
        ):
            context, msgid = catalogue_key(segment)
            if (context, msgid) in seen:
                continue
            seen.add((context, msgid))
            po.append(
                polib.POEntry(
                    msgctxt=context or None,
                    msgid=msgid,
                    msgstr="",
                    comment=f"{instance._meta.verbose_name}: {_readable(segment.context.path)}",
                )
            )
    po.save(str(path))
    return len(po)


def _clinic(locale) -> Clinic:
    clinic, _created = Clinic.objects.get_or_create(
        locale=locale, name=content.CLINIC["name"], defaults=content.CLINIC
    )
    return clinic


def _practitioner(data, clinic, locale) -> Practitioner:
    existing = Practitioner.objects.filter(locale=locale, name=data["name"]).first()
    if existing:
        return existing
    return Practitioner.objects.create(
        locale=locale,
        name=data["name"],
        qualification=data["qualification"],
        languages_spoken=data["languages_spoken"],
        bio=data["bio"],
        clinic=clinic,
        photo=demo_image(
            f"Illustration: portrait of {data['name']}", drawing(portrait, **data["portrait"])
        ),
    )


def _home(locale) -> HomePage:
    home = HomePage.objects.filter(locale=locale).first()
    if home:
        return home
    root = Page.get_first_root_node()
    # Wagtail's installer leaves a "Welcome" page where our home page goes.
    for placeholder in root.get_children().filter(content_type__model="page"):
        placeholder.delete()
    home = HomePage(
        locale=locale,
        title=content.HOME["title"],
        slug=content.HOME["slug"],
        hero_heading=content.HOME["hero_heading"],
        hero_text=content.HOME["hero_text"],
        body=content.HOME["body"],
        hero_image=demo_image("Illustration: Istanbul", drawing(hero, "home")),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    # The site's address (for canonical and hreflang URLs) is the one the admin is served at.
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": address.hostname,
            "port": address.port or (443 if address.scheme == "https" else 80),
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    return home


def _child(parent, model, slug, fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    relations = fields.pop("_relations", {})
    page = model(slug=slug, locale=parent.locale, **fields)
    for name, rows in relations.items():
        setattr(page, name, rows)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _index_fields():
    return {
        "title": content.TREATMENT_INDEX["title"],
        "intro": content.TREATMENT_INDEX["intro"],
        "show_in_menus": True,
    }


def _standard_fields(data):
    return {
        "title": data["title"],
        "body": [
            {"type": kind, "value": value, "id": _block_id(data["slug"], position)}
            for position, (kind, value) in enumerate(data["body"])
        ],
    }


def _treatment_fields(data, clinic, practitioners):
    slug = data["slug"]
    effect = data["effect_months"] or (None, None)
    gallery = [
        TreatmentGalleryItem(
            before_image=demo_image(
                f"Illustration: {data['title']}, before {n}",
                drawing(gallery_picture, area, after=False),
                consent,
            ),
            after_image=demo_image(
                f"Illustration: {data['title']}, after {n}",
                drawing(gallery_picture, area, after=True),
                consent,
            ),
            caption=caption,
            sort_order=n,
        )
        for n, (caption, area, consent) in enumerate(data["gallery"], start=1)
    ]
    return {
        "title": data["title"],
        "category": data["category"],
        "summary": data["summary"],
        "hero_image": demo_image(f"Illustration: {data['title']}", drawing(hero, data["category"])),
        "session_minutes_min": data["session_minutes"][0],
        "session_minutes_max": data["session_minutes"][1],
        "effect_months_min": effect[0],
        "effect_months_max": effect[1],
        "results_days_min": data["results_days"][0],
        "results_days_max": data["results_days"][1],
        "downtime_days_min": data["downtime_days"][0],
        "downtime_days_max": data["downtime_days"][1],
        "stay_days_min": data["stay_days"][0],
        "stay_days_max": data["stay_days"][1],
        "anaesthesia": data["anaesthesia"],
        "facts_note": data["facts_note"],
        "how_it_works": data["how_it_works"],
        "cosmetic_uses": data["cosmetic_uses"],
        "medical_uses": data["medical_uses"],
        "performed_by": data["performed_by"],
        "candidates": data["candidates"],
        "contraindications": data["contraindications"],
        "risks": data["risks"],
        "aftercare_steps": [
            {"type": "step", "value": step, "id": _block_id(slug, "step", n)}
            for n, step in enumerate(data["aftercare_steps"])
        ],
        "faq": [
            {
                "type": "question",
                "value": {"question": question, "answer": answer},
                "id": _block_id(slug, "faq", n),
            }
            for n, (question, answer) in enumerate(data["faq"])
        ],
        "clinic": clinic,
        "reviewed_by": practitioners["kerem"],
        "reviewed_on": data.get("reviewed_on", content.REVIEWED_ON),
        "_relations": {
            "gallery_items": gallery,
            "practitioners": [
                TreatmentPractitioner(
                    practitioner=practitioners[key], locale=practitioners[key].locale
                )
                for key in data["practitioners"]
            ],
        },
    }


def _link_related(treatments) -> None:
    by_slug = {page.slug: page for page in treatments}
    for data in content.TREATMENTS:
        page = by_slug[data["slug"]]
        if page.related_treatments.exists() or not data["related"]:
            continue
        page.related_treatments = [
            RelatedTreatment(treatment=by_slug[slug]) for slug in data["related"]
        ]
        page.save_revision().publish()


def read_catalogue(language_code: str) -> dict[tuple[str, str], str]:
    """(msgctxt, msgid) -> msgstr from the demo translations of one language."""
    po = polib.pofile(str(TRANSLATIONS_DIR / f"{language_code}.po"))
    return {
        (entry.msgctxt or "", entry.msgid): entry.msgstr
        for entry in po
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }


def catalogue_key(segment) -> tuple[str, str]:
    # Slugs get their own context: "botox" the slug may differ from "Botox" the title.
    context = "slug" if segment.context.path == "slug" else ""
    return context, segment.string.data


def _translate(instance, locale, catalogue) -> None:
    if instance.get_translation_or_none(locale) is not None:
        return
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    missing = []
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = catalogue.get(catalogue_key(segment))
        if text is None:
            missing.append(segment.string.data)
            continue
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": "manual"},
        )
    if missing:
        raise MissingTranslation(
            f"{len(missing)} strings of {instance!r} lack a {locale.language_code} translation, "
            f"e.g. {missing[0]!r}"
        )
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    translation.save_target(publish=True)
