"""The enquiries' admin URLs, mounted under /admin/enquiries/ by wagtail_hooks.py."""

from django.urls import path

from . import privacy, views

app_name = "enquiries_admin"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
    path("<int:pk>/note/", views.add_note, name="add_note"),
    path("<int:pk>/reassign/", views.reassign, name="reassign"),
    path("patient-data/", privacy.patient_data, name="patient_data"),
]
