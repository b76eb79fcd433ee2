"""Admin for a catalog of a million films: raw-id widgets, no full counts, indexed searches."""

from django.contrib import admin

from catalog.models import (
    Company,
    Country,
    Credit,
    Film,
    FilmWatchProvider,
    Genre,
    Keyword,
    Language,
    Person,
    RatingBaseline,
    WatchProvider,
)


class CreditInline(admin.TabularInline):
    model = Credit
    raw_id_fields = ("person", "film")
    extra = 0
    fields = ("person", "kind", "department", "job", "character", "order")


class FilmCreditInline(CreditInline):
    ordering = ("kind", "order")


class WatchProviderInline(admin.TabularInline):
    model = FilmWatchProvider
    raw_id_fields = ("provider",)
    extra = 0


class LargeTableAdmin(admin.ModelAdmin):
    # COUNT(*) over a million rows on every changelist page is the usual admin slowdown.
    show_full_result_count = False
    list_per_page = 50


@admin.register(Film)
class FilmAdmin(LargeTableAdmin):
    list_display = ("title", "year", "public_id", "master_score", "imdb_rating", "has_poster")
    list_filter = ("status", "has_poster", "genres")
    search_fields = ("=imdb_id", "=slug", "title")
    raw_id_fields = ("genres", "keywords", "companies", "countries", "spoken_languages")
    readonly_fields = ("public_id", "has_poster", "master_score", "created_at", "updated_at")
    inlines = [FilmCreditInline, WatchProviderInline]


@admin.register(Person)
class PersonAdmin(LargeTableAdmin):
    list_display = ("name", "public_id", "known_for_department", "birth_year")
    list_filter = ("known_for_department",)
    search_fields = ("=imdb_id", "=slug", "name")
    readonly_fields = ("public_id",)


@admin.register(Credit)
class CreditAdmin(LargeTableAdmin):
    list_display = ("film", "person", "kind", "job", "character", "order")
    list_filter = ("kind", "department")
    raw_id_fields = ("film", "person")
    list_select_related = ("film", "person")


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Keyword, Company, WatchProvider)
class VocabularyAdmin(LargeTableAdmin):
    search_fields = ("name",)


@admin.register(Country, Language)
class CodeAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(RatingBaseline)
class RatingBaselineAdmin(admin.ModelAdmin):
    list_display = ("source", "mean", "films", "updated_at")
