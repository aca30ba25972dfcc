"""pages/models/contacts.py and the "ask a coordinator" action: on every treatment page, near
the top and (on phones) at the bottom of the screen, with the language's WhatsApp and phone."""

import pytest
from django.conf import settings

from pages.models import ContactPage, LanguageContact
from tests.pages.helpers import english, parse, translation_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_treatment_page_offers_the_short_way_to_ask_in_its_language(client, language):
    contact = LanguageContact.objects.get(locale__language_code=language)
    html = client.get(translation_of(english(), language).url).content.decode()
    tree = parse(client.get(translation_of(english(), language).url))

    asks = [div for div in tree.iter("div") if "ask" in (div.get("class") or "").split()]
    assert len(asks) == 2  # near the top, and the phone bar
    top = html.index('class="ask"')
    assert top < html.index('id="facts-heading"')  # before the content
    for div in asks:
        hrefs = [a.get("href") for a in div.iter("a")]
        assert hrefs[0] == "#enquiry" and contact.whatsapp_url in hrefs
        assert f"tel:{contact.phone.as_e164}" in hrefs
    assert 'id="enquiry"' in html


def test_the_contact_page_lists_the_channels_and_editors_change_them(client):
    contact = LanguageContact.objects.get(locale__language_code="ar")
    contact.hours = "كل يوم"
    contact.save()

    html = client.get(ContactPage.objects.get(locale__language_code="ar").url).content.decode()

    assert "كل يوم" in html and contact.whatsapp_url in html
    assert f'<bdi dir="ltr">{contact.phone.as_international}</bdi>' in html
