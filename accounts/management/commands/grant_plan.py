from django.core.management.base import BaseCommand, CommandError

from accounts.billing import get_provider
from accounts.models import Plan, User


class Command(BaseCommand):
    help = "Put a user on a plan (manual billing provider): grant_plan EMAIL PLAN"

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("plan", help="Plan slug: free, writer, producer, studio")

    def handle(self, *args, email: str, plan: str, **options) -> None:
        try:
            user = User.objects.get(email__iexact=email.strip())
        except User.DoesNotExist:
            raise CommandError(f"No user with email {email}.") from None
        try:
            chosen = Plan.objects.get(slug=plan.strip().lower())
        except Plan.DoesNotExist:
            slugs = ", ".join(Plan.objects.values_list("slug", flat=True))
            raise CommandError(f"No plan {plan!r}; choose one of: {slugs}.") from None
        get_provider("manual").change_plan(user=user, plan=chosen)
        self.stdout.write(f"{user.email} is now on the {chosen.name} plan.")
