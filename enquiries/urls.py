from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "enquiries"

urlpatterns = [
    path(_("enquiry/"), views.submit, name="submit"),
    path(_("enquiry/thanks/"), views.thanks, name="thanks"),
    path(_("emails/stop/<str:token>/"), views.unsubscribe, name="unsubscribe"),
]
