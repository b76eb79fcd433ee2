from django.core.management.base import BaseCommand, CommandError

from accounts import keys
from accounts.models import ApiKey


class Command(BaseCommand):
    help = "Revoke an API key, given the full key or its display prefix (rb_ + 8 characters)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("key_or_prefix")

    def handle(self, *args, key_or_prefix: str, **options) -> None:
        value = key_or_prefix.strip().rstrip("…")
        if keys.is_well_formed(value):
            key = ApiKey.objects.for_key(value)
            matches = [key] if key else []
        else:
            matches = list(ApiKey.objects.active().filter(prefix=value)[:2])
        if not matches:
            raise CommandError(f"No active key matches {keys.display_prefix(value)!r}.")
        if len(matches) > 1:
            raise CommandError("Several keys share that prefix; pass the full key instead.")
        key = matches[0]
        if not key.revoke():
            raise CommandError(f"Key {key.prefix}… was already revoked.")
        self.stdout.write(f"Revoked {key.name!r} ({key.prefix}…) of {key.user.email}.")
