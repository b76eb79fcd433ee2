from django.core.management.base import BaseCommand, CommandError

from accounts.models import ApiAccessNotInPlan, ApiKey, KeyLimitReached, User


class Command(BaseCommand):
    help = (
        "Mint an API key for a user and print it once (same rules as the keys page: "
        "the plan must include API access, at most 5 active keys)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", required=True, help="What the key is for.")

    def handle(self, *args, email: str, name: str, **options) -> None:
        try:
            user = User.objects.get(email__iexact=email.strip())
        except User.DoesNotExist:
            raise CommandError(f"No user with email {email}.") from None
        try:
            key, raw = ApiKey.issue(user=user, name=name)
        except (ApiAccessNotInPlan, KeyLimitReached) as refusal:
            raise CommandError(str(refusal)) from None
        self.stderr.write(f"Key {key.name!r} ({key.prefix}…) for {user.email}; shown once:")
        self.stdout.write(raw)
