from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from catalog.progress import Progress
from reviews.letterboxd.archive import ArchiveError, read_path
from reviews.letterboxd.importer import import_letterboxd


class Command(BaseCommand):
    help = (
        "Import a Letterboxd export (the zip, the unpacked folder or one CSV) into a member's "
        "account. Re-running changes nothing; unmatched or invalid rows are listed by file "
        "and line."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("user_email")
        parser.add_argument("path", type=Path)

    def handle(self, *args, user_email: str, path: Path, **options) -> None:
        user = get_user_model().objects.filter(email__iexact=user_email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the email {user_email}.")
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            export = read_path(path)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        with Progress("rows", stream=self.stderr) as progress:
            report = import_letterboxd(user, export, progress=self._advance(progress))
        created = ", ".join(f"{n} {kind}" for kind, n in sorted(report.created.items()))
        self.stdout.write(self.style.SUCCESS(f"Created: {created or 'nothing'}."))
        self.stdout.write(f"Unchanged (already imported): {report.unchanged}.")
        for name in report.skipped_files:
            self.stdout.write(f"Skipped {name}: not part of a Letterboxd export.")
        for problem in report.problems:
            where = (
                f"{problem['file']} line {problem['line']}" if problem["line"] else problem["file"]
            )
            self.stdout.write(self.style.WARNING(f"{where}: {problem['message']}"))
        if report.problem_count > len(report.problems):
            self.stdout.write(f"… and {report.problem_count - len(report.problems)} more problems.")

    @staticmethod
    def _advance(progress: Progress):
        def update(done: int, total: int) -> None:
            progress.total = total
            progress.advance(done - progress.done)

        return update
