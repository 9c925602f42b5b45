"""python manage.py import_voortgang FILE --aanbieder CODE [--dry-run] [--user NAME]"""

from django.core.management.base import CommandError

from casefiles.management.csv_import import CsvImportCommand
from leerroutes.importers import COLUMNS, run_import
from leerroutes.models import Aanbieder


class Command(CsvImportCommand):
    help = (
        "Importeert uren en examenresultaten van een taalaanbieder uit een CSV-bestand. "
        "Kolommen: " + ", ".join(COLUMNS)
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--aanbieder", required=True, help="DUO-instellingscode")

    def handle(self, *args, file, aanbieder, dry_run, user, **options):
        try:
            aanbieder_obj = Aanbieder.objects.get(duo_code=aanbieder)
        except Aanbieder.DoesNotExist as exc:
            raise CommandError(f"Onbekende aanbieder met DUO-code {aanbieder}.") from exc
        content = self.read_file(file)
        actor = self.actor(user, required=not dry_run)
        result = run_import(actor=actor, aanbieder=aanbieder_obj, content=content, dry_run=dry_run)
        self.report(result)
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
