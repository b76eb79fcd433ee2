from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.billing import get_provider
from accounts.models import ApiKey, IdempotencyKey, Plan, Subscription, User


class SubscriptionInline(admin.StackedInline):
    model = Subscription
    extra = 0
    fields = ("plan", "provider", "started_at", "updated_at")
    readonly_fields = ("provider", "started_at", "updated_at")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # plans are granted with the "Grant plan" action (manual provider)


@admin.register(User)
class ReelbaseUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            "Profile",
            {"fields": ("display_name", "bio", "avatar", "profile_public", "watchlist_public")},
        ),
    )
    list_display = ("username", "email", "display_name", "plan_name", "is_staff", "date_joined")
    list_select_related = ("subscription__plan",)
    search_fields = ("username", "email", "display_name")
    inlines = [SubscriptionInline]
    actions = ["grant_writer", "grant_producer", "grant_studio", "grant_free"]

    @admin.display(description="plan")
    def plan_name(self, user: User) -> str:
        return user.plan.name

    def _grant(self, request: HttpRequest, users: QuerySet, slug: str) -> None:
        plan = Plan.objects.get(slug=slug)
        provider = get_provider("manual")
        for user in users:
            provider.change_plan(user=user, plan=plan)
        self.message_user(request, f"{users.count()} user(s) now on {plan.name}.", messages.SUCCESS)

    @admin.action(description="Grant the Writer plan (manual billing)")
    def grant_writer(self, request, queryset):
        self._grant(request, queryset, "writer")

    @admin.action(description="Grant the Producer plan (manual billing)")
    def grant_producer(self, request, queryset):
        self._grant(request, queryset, "producer")

    @admin.action(description="Grant the Studio plan (manual billing)")
    def grant_studio(self, request, queryset):
        self._grant(request, queryset, "studio")

    @admin.action(description="Move to the Free plan (manual billing)")
    def grant_free(self, request, queryset):
        self._grant(request, queryset, "free")


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "slug",
        "price_cents",
        "api_access",
        "me_write",
        "ai",
        "per_minute",
        "per_day",
        "max_keys",
    )
    list_editable = ("per_minute", "per_day", "max_keys")
    ordering = ("rank",)


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("user", "plan", "provider", "started_at")
    list_filter = ("plan", "provider")
    list_select_related = ("user", "plan")
    search_fields = ("user__username", "user__email")
    raw_id_fields = ("user",)

    def save_model(self, request, obj, form, change) -> None:
        obj.provider = Subscription.Provider.MANUAL  # whatever staff set here is a grant
        super().save_model(request, obj, form, change)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are minted by their owners; staff can see and revoke them, never read them."""

    list_display = ("prefix", "name", "user", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("user",)
    search_fields = ("prefix", "name", "user__username", "user__email")
    readonly_fields = ("user", "prefix", "hashed", "created_at", "last_used_at", "revoked_at")
    fields = ("name", *readonly_fields)
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request, queryset):
        revoked = sum(key.revoke() for key in queryset)
        self.message_user(request, f"{revoked} key(s) revoked.", messages.SUCCESS)


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(admin.ModelAdmin):
    """Read-only: records are written by the API (config/api/idempotency.py) and purged
    after 24 h; staff may look, or delete one to let a client reuse its key early."""

    list_display = ("key", "user", "method", "path", "status_code", "created_at")
    list_filter = ("method", "status_code")
    list_select_related = ("user",)
    search_fields = ("key", "path", "user__username", "user__email")
    fields = (
        "user",
        "key",
        "method",
        "path",
        "body_sha256",
        "status_code",
        "headers",
        "created_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
