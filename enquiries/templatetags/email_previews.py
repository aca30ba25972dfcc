"""`{% sample_email template as composed %}`: an email template composed from a made-up enquiry
in the template's language, for the admin preview (enquiries/admin/email_template_preview.html)."""

from django import template

from ..messaging.samples import compose_sample

register = template.Library()


@register.simple_tag
def sample_email(email_template):
    return compose_sample(email_template)
