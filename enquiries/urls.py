from django.urls import path
from django.utils.translation import gettext_lazy as _

from .intake import views as intake_views
from .messaging import views as messaging_views

app_name = "enquiries"

urlpatterns = [
    path(_("enquiry/"), intake_views.submit, name="submit"),
    path(_("enquiry/thanks/"), intake_views.thanks, name="thanks"),
    path(_("emails/stop/<str:token>/"), messaging_views.unsubscribe, name="unsubscribe"),
]
