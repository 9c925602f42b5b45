"""What the CSV import commands share: the file argument, ``--dry-run``, ``--user``
(the actor recorded in the timeline and access log), and the per-row error report."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class CsvImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file", help="pad naar het CSV-bestand")
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen controleren, niets opslaan"
        )
        parser.add_argument(
            "--user",
            default="",
            help="gebruikersnaam die als uitvoerder wordt vastgelegd "
            "(standaard: de eerste superuser)",
        )

    def read_file(self, file: str) -> bytes:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        return path.read_bytes()

    def actor(self, username: str, *, required: bool = True):
        User = get_user_model()
        actor = (
            User.objects.filter(username=username).first()
            if username
            else User.objects.filter(is_superuser=True).order_by("pk").first()
        )
        if actor is None and required:
            raise CommandError("Geef met --user een bestaande gebruiker op als uitvoerder.")
        return actor

    def report(self, result) -> None:
        """Stop on a file-level error; print each bad row with its line number."""
        if result.file_error:
            raise CommandError(result.file_error)
        for error in result.errors:
            self.stdout.write(f"regel {error.line}: {' '.join(error.reasons)}")
