"""{% contact_links enquiry %}: tap to call and click to chat, in the list and on the page."""

from django import template

from ..messaging import contact_links as links

register = template.Library()


@register.inclusion_tag("enquiries/admin/contact_links.html")
def contact_links(enquiry):
    return {
        "phone": enquiry.phone.as_international if enquiry.phone else "",
        "tel_url": links.tel_url(enquiry),
        "whatsapp_url": links.whatsapp_url(enquiry),
    }
