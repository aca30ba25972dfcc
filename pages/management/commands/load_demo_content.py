from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from wagtail.models import Locale

from enquiries.demo import load_demo_team
from pages.demo import loader
from pages.demo.loader import load_demo_content
from pages.medical_review.workflow import PRACTITIONERS_GROUP
from pages.models import Practitioner
from pages.permissions import EDITORS_GROUP

# The practitioner who reviews the site's medical content (pages/demo/content.py).
DEMO_REVIEWER = "Dr Kerem Aydın"


class Command(BaseCommand):
    help = (
        "Load the demo site in every language, with an admin, an editor and a practitioner "
        "who reviews treatment pages to log in as."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", default="demo-admin", help="Password of the demo users.")
        parser.add_argument(
            "--write-template",
            metavar="PATH",
            help="Load the English demo only and write its strings to a PO template.",
        )

    def handle(self, *args, password, write_template=None, **options):
        if write_template:
            sources = load_demo_content(languages=[])
            count = loader.write_template(sources, Path(write_template))
            self.stdout.write(f"Wrote {count} strings to {write_template}.")
            return
        load_demo_content(report=lambda line: self.stdout.write(line))
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="admin",
            defaults={"email": "admin@example.com", "is_staff": True, "is_superuser": True},
        )
        if created:
            admin.set_password(password)
            admin.save()
        editor, created = User.objects.get_or_create(
            username="editor", defaults={"email": "editor@example.com"}
        )
        if created:
            editor.set_password(password)
            editor.save()
            editor.groups.add(self._group(EDITORS_GROUP))
        self._doctor(password)
        team = load_demo_team(password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded. Log in at {settings.WAGTAILADMIN_BASE_URL}/admin/ as "
                f"'admin' (everything), 'editor' (pages only), 'doctor' ({DEMO_REVIEWER}, "
                f"who approves the medical review of treatment pages), a coordinator "
                f"({', '.join(team[:-1])}) or the manager '{team[-1]}'; password '{password}'."
            )
        )

    def _doctor(self, password):
        """A practitioner's login, linked to the English snippet of the demo's reviewer."""
        doctor, created = get_user_model().objects.get_or_create(
            username="doctor", defaults={"email": "doctor@example.com"}
        )
        if created:
            doctor.set_password(password)
            doctor.save()
            doctor.groups.add(self._group(PRACTITIONERS_GROUP))
        if not Practitioner.objects.filter(user=doctor).exists():
            Practitioner.objects.filter(
                locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE),
                name=DEMO_REVIEWER,
                user__isnull=True,
            ).update(user=doctor)

    def _group(self, name):
        from django.contrib.auth.models import Group

        return Group.objects.get(name=name)
