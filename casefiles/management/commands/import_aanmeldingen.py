"""python manage.py import_aanmeldingen FILE --gemeente CBSCODE [--dry-run] [--user NAME]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from casefiles.importers import COLUMNS, run_import
from casefiles.models import Gemeente


class Command(BaseCommand):
    help = (
        "Importeert aanmeldingen (COA-koppelingen, nieuwe inburgeringsplichtigen) uit "
        "een CSV-bestand. Kolommen: " + ", ".join(COLUMNS)
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="pad naar het CSV-bestand")
        parser.add_argument("--gemeente", required=True, help="CBS-code van de gemeente")
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen controleren, niets opslaan"
        )
        parser.add_argument(
            "--user",
            default="",
            help="gebruikersnaam die als uitvoerder wordt vastgelegd "
            "(standaard: de eerste superuser)",
        )

    def handle(self, *args, file, gemeente, dry_run, user, **options):
        try:
            gemeente_obj = Gemeente.objects.get(cbs_code=gemeente)
        except Gemeente.DoesNotExist as exc:
            raise CommandError(f"Onbekende gemeente met CBS-code {gemeente}.") from exc
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        User = get_user_model()
        actor = (
            User.objects.filter(username=user).first()
            if user
            else User.objects.filter(is_superuser=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError("Geef met --user een bestaande gebruiker op als uitvoerder.")
        result = run_import(
            actor=actor, gemeente=gemeente_obj, content=path.read_bytes(), dry_run=dry_run
        )
        if result.file_error:
            raise CommandError(result.file_error)
        for error in result.errors:
            self.stdout.write(f"regel {error.line}: {' '.join(error.reasons)}")
        if dry_run:
            self.stdout.write(
                f"Controle: {len(result.rows)} goede regels, "
                f"{len(result.errors)} regels met fouten. Niets opgeslagen."
            )
        else:
            self.stdout.write(
                f"Klaar: {result.created} dossiers aangemaakt, "
                f"{len(result.errors)} regels niet geïmporteerd."
            )
