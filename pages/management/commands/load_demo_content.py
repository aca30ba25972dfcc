from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from enquiries.demo import load_demo_team
from pages.demo import loader
from pages.demo.loader import load_demo_content
from pages.permissions import EDITORS_GROUP


class Command(BaseCommand):
    help = "Load the demo site in every language, with an admin and an editor to log in as."

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
            editor.groups.add(self._editors_group())
        team = load_demo_team(password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded. Log in at {settings.WAGTAILADMIN_BASE_URL}/admin/ as "
                f"'admin' (everything), 'editor' (pages only), a coordinator "
                f"({', '.join(team[:-1])}) or the manager '{team[-1]}'; password '{password}'."
            )
        )

    def _editors_group(self):
        from django.contrib.auth.models import Group

        return Group.objects.get(name=EDITORS_GROUP)
