"""python manage.py import_aanmeldingen FILE --gemeente CBSCODE [--dry-run] [--user NAME]"""

from django.core.management.base import CommandError

from casefiles.importers import COLUMNS, run_import
from casefiles.management.csv_import import CsvImportCommand
from casefiles.models import Gemeente


class Command(CsvImportCommand):
    help = (
        "Importeert aanmeldingen (COA-koppelingen, nieuwe inburgeringsplichtigen) uit "
        "een CSV-bestand. Kolommen: " + ", ".join(COLUMNS)
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--gemeente", required=True, help="CBS-code van de gemeente")

    def handle(self, *args, file, gemeente, dry_run, user, **options):
        try:
            gemeente_obj = Gemeente.objects.get(cbs_code=gemeente)
        except Gemeente.DoesNotExist as exc:
            raise CommandError(f"Onbekende gemeente met CBS-code {gemeente}.") from exc
        content = self.read_file(file)
        result = run_import(
            actor=self.actor(user), gemeente=gemeente_obj, content=content, dry_run=dry_run
        )
        self.report(result)
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
