"""The English source of the demo content. Translations live in translations/<lang>.po,
keyed by these exact strings; the loader feeds them to wagtail-localize."""

import datetime

CLINIC = {
    "name": "Anatolia Care Clinic",
    "city": "Istanbul",
    "authorisation_number": "USHAS-34-0271",
    "content_responsible": "Selin Arslan",
    "content_responsible_email": "content@example.com",
}

# Machine translation leaves these as they are (Snippets → Terms kept as they are).
KEPT_TERMS = ["Anatolia Care", "Botox", "FUE", "DHI"]

PRACTITIONERS = [
    {
        "key": "arzu",
        "name": "Dr Arzu Demir",
        "qualification": "dermatologist",
        "languages_spoken": ["tr", "en", "de"],
        "bio": (
            "<p>Dr Demir is a board-certified dermatologist with fifteen years of experience in "
            "injectable treatments. She trained in Istanbul and Munich and leads the clinic's "
            "aesthetic medicine team.</p>"
        ),
        "portrait": {"garment": (11, 110, 105), "hair": (60, 40, 32), "long_hair": True},
    },
    {
        "key": "kerem",
        "name": "Dr Kerem Aydın",
        "qualification": "plastic_surgeon",
        "languages_spoken": ["tr", "en", "ar", "ru"],
        "bio": (
            "<p>Dr Aydın is a plastic, reconstructive and aesthetic surgeon. He performs facial "
            "treatments and hair restoration, and reviews the medical content of this site.</p>"
        ),
        "portrait": {"garment": (40, 70, 140), "hair": (35, 35, 40), "long_hair": False},
    },
]

HOME = {
    "title": "Anatolia Care",
    "slug": "home",
    "hero_heading": "Treatment in Turkey, explained in your language",
    "hero_text": (
        "Clear facts about aesthetic, dental and hair treatments at an authorised clinic in "
        "Istanbul, and a patient coordinator who speaks your language."
    ),
    "body": (
        "<p>Every treatment page tells you how long a session takes, how long the effect lasts, "
        "how many days to plan in Turkey and how to look after yourself afterwards.</p>"
    ),
}

TREATMENT_INDEX = {
    "title": "Treatments",
    "slug": "treatments",
    "intro": "Choose a treatment to read what it involves, who performs it and what to expect.",
}

ABOUT = {
    "title": "About us",
    "slug": "about",
    "body": [
        ("heading", "An authorised clinic for international patients"),
        (
            "paragraph",
            "<p>Anatolia Care is a clinic in Istanbul holding a health-tourism authorisation from "
            "the Turkish Ministry of Health. Our doctors are specialists in dermatology, plastic "
            "surgery and dentistry.</p>",
        ),
        ("heading", "A coordinator in your language"),
        (
            "paragraph",
            "<p>From your first question to your flight home, one patient coordinator who speaks "
            "your language looks after your plan, your appointments and your questions.</p>",
        ),
    ],
}

CONTACT = {
    "title": "Contact us",
    "slug": "contact",
    "intro": (
        "Not sure which treatment is right for you? Tell us what you would like to change and "
        "a coordinator who speaks your language will get back to you."
    ),
}

PRIVACY = {
    "title": "Privacy notice",
    "slug": "privacy",
    "body": [
        ("heading", "What we collect"),
        (
            "paragraph",
            "<p>When you send an enquiry we store your name, contact details, the treatment you "
            "ask about, your travel dates and your message. Because this can reveal information "
            "about your health, we ask for your explicit consent first.</p>",
        ),
        ("heading", "Who can see it"),
        (
            "paragraph",
            "<p>Only the patient coordinator handling your enquiry and the clinic's managers can "
            "read it. We do not sell your data or share it for advertising.</p>",
        ),
        ("heading", "Your rights"),
        (
            "paragraph",
            "<p>You can ask to see, correct or delete your data, and withdraw your consent at any "
            "time, by writing to privacy@example.com.</p>",
        ),
    ],
}

REVIEWED_ON = datetime.date(2026, 9, 14)

TREATMENTS = [
    {
        "title": "Botox",
        "slug": "botox",
        "category": "aesthetic",
        "summary": (
            "Small injections of botulinum toxin that relax the muscles behind expression lines. "
            "A short session, no downtime, and results that last for months."
        ),
        "session_minutes": (15, 30),
        "effect_months": (3, 6),
        "results_days": (3, 14),
        "downtime_days": (0, 0),
        "stay_days": (1, 2),
        "anaesthesia": "none",
        "facts_note": (
            "Some patients find the effect lasts longer, up to about eight months; it varies "
            "from person to person."
        ),
        "how_it_works": (
            "<p>Botox is the best-known brand of botulinum toxin type A, a purified protein made "
            "from the bacterium <i>Clostridium botulinum</i>. Produced in a laboratory and given "
            "in small, measured doses, it is a medicine, not a poison.</p>"
            "<p>Injected into a muscle, it blocks the nerve signals that make the muscle "
            "contract. The muscle relaxes, and the skin above it smooths out.</p>"
            "<p>The treatment is a series of minimally invasive injections, given in a doctor's "
            "office in one short session.</p>"
        ),
        "cosmetic_uses": (
            "<p>It softens dynamic wrinkles, the lines that repeated expressions such as frowning, "
            "smiling and squinting leave behind. The most treated areas are:</p>"
            "<ul><li>horizontal forehead lines</li>"
            "<li>frown lines between the eyebrows</li>"
            "<li>crow's feet at the corners of the eyes</li></ul>"
            "<p>Some patients start early as prevention, to keep lines from forming or "
            "deepening. Treated skin ages more slowly while the effect lasts, but Botox does not "
            "rejuvenate the skin by itself.</p>"
        ),
        "medical_uses": (
            "<p>Doctors also use botulinum toxin for chronic migraine, excessive sweating "
            "(hyperhidrosis), muscle spasticity and other muscle disorders, some bladder "
            "disorders, and chronic neck and back pain.</p>"
        ),
        "performed_by": (
            "<p>Only a qualified doctor should inject it: an aesthetic or plastic surgeon, or a "
            "dermatologist, who decides the dose and the injection points for your face.</p>"
        ),
        "candidates": (
            "<p>Anyone with expression lines or mild sagging can be assessed; age alone does not "
            "decide, as some younger people have lines they inherited. Deep furrows may also need "
            "fillers, and very deep ones a surgical lift.</p>"
        ),
        "contraindications": (
            "<p>It is not given during pregnancy or breastfeeding, to people with certain "
            "neuromuscular disorders, or where the skin at the injection site is infected.</p>"
        ),
        "risks": (
            "<p>Done by a qualified doctor at the right dose, it is generally safe. Possible side "
            "effects are bruising, swelling or redness where the needle went in, and headache. "
            "Rarely the toxin spreads to a nearby muscle, for example causing a drooping eyelid. "
            "Movement in the treated area is reduced while the effect lasts and comes back as it "
            "wears off.</p>"
        ),
        "aftercare_steps": [
            "Stay upright for about four hours, and do not rub or massage the treated area "
            "that day.",
            "For 24 hours, avoid strenuous exercise, saunas, hot baths and alcohol.",
            "Mild swelling or small bruises fade within a few days.",
            "Contact the clinic at once if an eyelid droops, if swallowing or breathing is "
            "difficult, or if you see signs of infection.",
            "The result settles after about two weeks, when a review visit may be offered.",
            "Book your next session when movement returns, usually after three to six months.",
        ],
        "faq": [
            (
                "Is Botox a poison?",
                "The toxin is purified and given in tiny, measured doses by a doctor, which makes "
                "it a medicine. It has been used safely for decades.",
            ),
            (
                "How long does Botox last?",
                "Usually three to six months. Some patients find it lasts longer, and it varies "
                "from person to person.",
            ),
            (
                "When will I see the result?",
                "Within three to fourteen days, as the muscles relax.",
            ),
            (
                "How many days do I need in Turkey?",
                "One or two days are enough, which is why many patients combine it with another "
                "treatment during the same trip.",
            ),
            (
                "Can I go back to my day straight away?",
                "Yes, most people return to normal activities on the same day.",
            ),
            (
                "Can Botox be combined with fillers?",
                "Yes. Botox relaxes the muscles and fillers restore lost volume, so the two are "
                "often used together to refresh the face.",
            ),
            (
                "Where in Turkey can I have it?",
                "International patients travel to Istanbul, Antalya and Izmir for aesthetic "
                "treatments. Our clinic is in Istanbul.",
            ),
        ],
        "gallery": [
            ("Forehead lines, two weeks after treatment", "forehead", True),
            ("Crow's feet", "crows_feet", False),
        ],
        "related": ["dermal-fillers"],
        "practitioners": ["arzu", "kerem"],
    },
    {
        "title": "Dermal fillers",
        "slug": "dermal-fillers",
        "category": "aesthetic",
        "summary": (
            "Hyaluronic acid gel that restores lost volume and softens folds, with a visible "
            "result at once and little downtime."
        ),
        "session_minutes": (30, 60),
        "effect_months": (6, 18),
        "results_days": (0, 14),
        "downtime_days": (0, 3),
        "stay_days": (1, 2),
        "anaesthesia": "topical",
        "facts_note": "Lips usually need a top-up sooner than cheeks.",
        "how_it_works": (
            "<p>The filler is a gel of hyaluronic acid, a sugar your skin makes itself. Injected "
            "under the skin, it restores volume and softens static lines. If needed, an enzyme "
            "called hyaluronidase dissolves it.</p>"
        ),
        "cosmetic_uses": (
            "<p>Nasolabial folds, lips, cheeks, hollows under the eyes, the jawline and chin, and "
            "marionette lines. Fillers are often combined with Botox: one relaxes the muscles, the "
            "other restores volume.</p>"
        ),
        "medical_uses": "",
        "performed_by": ("<p>A plastic or aesthetic surgeon, or a dermatologist.</p>"),
        "candidates": (
            "<p>Adults who have lost volume in the face or want to reshape lips, cheeks or jaw.</p>"
        ),
        "contraindications": (
            "<p>Not during pregnancy or breastfeeding, with an active skin infection at the site, "
            "with a known allergy to the product, or with some autoimmune conditions, which the "
            "doctor assesses.</p>"
        ),
        "risks": (
            "<p>Bruising, swelling, small lumps or asymmetry. Rare but serious: filler blocking a "
            "blood vessel, which shows as pale skin, pain or a change in vision and is treated at "
            "once with hyaluronidase. Infection and allergic reactions are also possible.</p>"
        ),
        "aftercare_steps": [
            "Do not touch or massage the area for six hours unless your doctor tells you to.",
            "Avoid heat (sauna, sunbathing, hot yoga), strenuous exercise and alcohol for 24 to "
            "48 hours.",
            "Sleep on your back the first night.",
            "Use cold packs to ease swelling.",
            "Contact the clinic at once for pale skin, severe pain or any change in vision.",
            "Come for a review after about two weeks.",
        ],
        "faq": [
            (
                "How long do fillers last?",
                "About six to eighteen months, depending on the product and the area.",
            ),
            (
                "Can a filler be reversed?",
                "Yes. Hyaluronic acid fillers can be dissolved with an enzyme called "
                "hyaluronidase.",
            ),
        ],
        "gallery": [("Lip volume, one month after treatment", "lips", True)],
        "related": ["botox"],
        "practitioners": ["arzu"],
    },
    {
        "title": "Hair transplant",
        "slug": "hair-transplant",
        "category": "hair",
        "summary": (
            "FUE or DHI transplant of your own hair follicles to thinning areas, with a "
            "permanent result that develops over a year."
        ),
        "session_minutes": (360, 480),
        "effect_months": None,
        "results_days": (90, 540),
        "downtime_days": (7, 10),
        "stay_days": (3, 3),
        "anaesthesia": "local",
        "facts_note": (
            "New hair starts to grow after three to four months; the final result shows after "
            "twelve to eighteen months."
        ),
        "how_it_works": (
            "<p>Follicles are moved from the back and sides of the head, where hair resists "
            "pattern hair loss, to the thinning areas. With FUE each follicle is taken out with a "
            "small punch; with DHI they are implanted with a pen-shaped tool, without opening "
            "channels first. A session often moves 2,000 to 4,000 grafts.</p>"
        ),
        "cosmetic_uses": "<p>Male- and female-pattern hair loss, and a receding hairline.</p>",
        "medical_uses": "",
        "performed_by": (
            "<p>A surgeon, either a plastic surgeon or a dermatologist, leads an authorised "
            "team.</p>"
        ),
        "candidates": (
            "<p>People with stable pattern hair loss and enough donor hair. Medicines such as "
            "minoxidil or finasteride may be advised alongside.</p>"
        ),
        "contraindications": (
            "<p>Not for active, widespread hair loss that has not been diagnosed.</p>"
        ),
        "risks": (
            "<p>Swelling of the forehead, numbness, infection, inflamed follicles, poor graft "
            "survival, an unnatural hairline, or an over-harvested donor area.</p>"
        ),
        "aftercare_steps": [
            "Sleep half-upright for the first nights.",
            "Do not touch or scratch the grafts.",
            "Have the first wash at the clinic, then follow the gentle washing routine you are "
            "shown for 10 to 14 days.",
            "No sport, sauna, swimming or direct sun for about a month.",
            "No hats pressing on the grafts for 10 days.",
            "No smoking or alcohol for at least a week.",
            "Send review photos at three, six and twelve months.",
        ],
        "faq": [
            (
                "Is the result permanent?",
                "Yes, the moved follicles keep growing. Your own hair around them may still thin "
                "over the years.",
            ),
            (
                "Why does the new hair fall out after a few weeks?",
                "Shedding between two and six weeks is normal. The follicles stay in place and "
                "new hair grows from about the third month.",
            ),
        ],
        "gallery": [("Hairline, twelve months after the transplant", "hairline", True)],
        "related": [],
        "practitioners": ["kerem"],
    },
    {
        "title": "Dental implants",
        "slug": "dental-implants",
        # Reviewed long ago, so that the "Due for medical review" report has a page to show.
        "reviewed_on": datetime.date(2025, 6, 2),
        "category": "dental",
        "summary": (
            "A titanium or zirconia root placed in the jawbone to carry a crown, bridge or "
            "denture, usually over two trips."
        ),
        "session_minutes": (60, 60),
        "effect_months": None,
        "results_days": (90, 180),
        "downtime_days": (1, 3),
        "stay_days": (5, 7),
        "anaesthesia": "local",
        "facts_note": (
            "Two trips of five to seven days, three to six months apart. Implants can last for "
            "decades; crowns about 10 to 15 years."
        ),
        "how_it_works": (
            "<p>A small screw of titanium or zirconia is placed in the jawbone as an artificial "
            "root. Over three to six months the bone grows onto it, and on a second trip it "
            "receives the final crown, bridge or denture. Some cases allow a temporary crown on "
            "the same day.</p>"
        ),
        "cosmetic_uses": "",
        "medical_uses": "<p>Replacing one, several or all missing teeth.</p>",
        "performed_by": (
            "<p>An oral and maxillofacial surgeon, or a dentist trained in implantology.</p>"
        ),
        "candidates": (
            "<p>People with missing teeth, enough jawbone (or a bone graft first) and good oral "
            "hygiene.</p>"
        ),
        "contraindications": (
            "<p>Not with uncontrolled diabetes or after recent radiotherapy of the head or neck "
            "without a specialist's advice. Heavy smokers carry a higher risk.</p>"
        ),
        "risks": (
            "<p>Swelling, bruising, infection, nerve injury causing numbness, sinus problems in "
            "the upper jaw, failure of the implant (a few percent), and gum inflammation around it "
            "years later.</p>"
        ),
        "aftercare_steps": [
            "Bite on gauze for the first hour.",
            "Use cold packs on the first day.",
            "Eat soft, cool food for a few days.",
            "No hot drinks, smoking or alcohol for at least 48 hours.",
            "Rinse with salt water from the next day.",
            "Take the medicines you were prescribed and clean gently around the implant.",
            "Have a check-up every 6 to 12 months.",
        ],
        "faq": [
            (
                "Why are two trips needed?",
                "The bone needs three to six months to grow onto the implant before it can carry "
                "the final teeth.",
            ),
        ],
        "gallery": [],
        "related": [],
        "practitioners": ["kerem"],
    },
]
