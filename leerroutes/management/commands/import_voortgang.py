"""python manage.py import_voortgang FILE --aanbieder CODE [--dry-run] [--user NAME]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from leerroutes.importers import COLUMNS, run_import
from leerroutes.models import Aanbieder


class Command(BaseCommand):
    help = (
        "Importeert uren en examenresultaten van een taalaanbieder uit een CSV-bestand. "
        "Kolommen: " + ", ".join(COLUMNS)
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="pad naar het CSV-bestand")
        parser.add_argument("--aanbieder", required=True, help="DUO-instellingscode")
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen controleren, niets opslaan"
        )
        parser.add_argument(
            "--user",
            default="",
            help="gebruikersnaam die als uitvoerder wordt vastgelegd "
            "(standaard: de eerste superuser)",
        )

    def handle(self, *args, file, aanbieder, dry_run, user, **options):
        try:
            aanbieder_obj = Aanbieder.objects.get(duo_code=aanbieder)
        except Aanbieder.DoesNotExist as exc:
            raise CommandError(f"Onbekende aanbieder met DUO-code {aanbieder}.") from exc
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        User = get_user_model()
        actor = (
            User.objects.filter(username=user).first()
            if user
            else User.objects.filter(is_superuser=True).order_by("pk").first()
        )
        if actor is None and not dry_run:
            raise CommandError("Geef met --user een bestaande gebruiker op als uitvoerder.")
        result = run_import(
            actor=actor, aanbieder=aanbieder_obj, content=path.read_bytes(), dry_run=dry_run
        )
        if result.file_error:
            raise CommandError(result.file_error)
        for error in result.errors:
            self.stdout.write(f"regel {error.line}: {' '.join(error.reasons)}")
        t = result.telling()
        if dry_run:
            self.stdout.write(
                f"Controle: {len(result.rows)} goede regels ({t['nieuw']} nieuw, "
                f"{t['bijgewerkt']} bij te werken, {t['ongewijzigd']} ongewijzigd), "
                f"{len(result.errors)} regels met fouten. Niets opgeslagen."
            )
        else:
            self.stdout.write(
                f"Klaar: {result.nieuw} nieuw, {result.bijgewerkt} bijgewerkt, "
                f"{result.ongewijzigd} ongewijzigd, {len(result.errors)} regels niet "
                "geïmporteerd."
            )
