from django.contrib import admin

from reviews.models import FilmList, LetterboxdImport, ListItem, Review, ReviewTag, WatchlistEntry


class ReviewTagInline(admin.TabularInline):
    model = ReviewTag
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("user", "film", "rating", "watched_on", "rewatch", "source", "created_at")
    list_filter = ("source", "rewatch")
    search_fields = ("user__username", "film__title")
    raw_id_fields = ("user", "film")
    inlines = [ReviewTagInline]
    # Edits here bypass the community-score increments; `recompute_scores` repairs them.
    readonly_fields = ("rating", "fingerprint", "created_at", "updated_at")


class ListItemInline(admin.TabularInline):
    model = ListItem
    extra = 0
    raw_id_fields = ("film",)


@admin.register(FilmList)
class FilmListAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "visibility", "ranked", "updated_at")
    list_filter = ("visibility", "ranked")
    search_fields = ("name", "user__username")
    raw_id_fields = ("user",)
    inlines = [ListItemInline]


@admin.register(WatchlistEntry)
class WatchlistEntryAdmin(admin.ModelAdmin):
    list_display = ("user", "film", "added_at")
    raw_id_fields = ("user", "film")


@admin.register(LetterboxdImport)
class LetterboxdImportAdmin(admin.ModelAdmin):
    list_display = ("user", "filename", "status", "rows_done", "rows_total", "created_at")
    list_filter = ("status",)
    exclude = ("upload",)
    readonly_fields = ("report",)
