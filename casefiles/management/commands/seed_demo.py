"""python manage.py seed_demo — idempotent demo data for the embedded default."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand

from casefiles import demo


class Command(BaseCommand):
    help = "Laadt demodata: twee gemeenten, demogebruikers per rol en ~60 inburgeraars."

    def add_arguments(self, parser):
        parser.add_argument(
            "--print-logins", action="store_true", help="Toon de demo-inloggegevens."
        )

    def handle(self, *args, **options):
        demo.seed(stdout=self.stdout)
        for config in apps.get_app_configs():
            if config.name == "casefiles":
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError:
                continue
            module.seed_demo(
                actor_for=lambda g: demo.demo_user(
                    next(x["slug"] for x in demo.GEMEENTEN if x["cbs_code"] == g.cbs_code),
                    "werkcoach",
                ),
                stdout=self.stdout,
            )
        if options["print_logins"]:
            self.stdout.write("")
            self.stdout.write("Demo-inloggegevens (alleen voor de demo-omgeving):")
            for g in demo.GEMEENTEN:
                for _role, slug, label, _staff in demo.ROLLEN:
                    login = f"{slug}.{g['slug']}"
                    self.stdout.write(f"  {login:<22} {label} ({g['naam']})")
            self.stdout.write(f"  wachtwoord voor allemaal: {demo.DEMO_PASSWORD}")
