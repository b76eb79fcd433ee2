from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render

from catalog.models import Credit, Film, Person
from catalog.selectors import catalog_counts, crew_by_department


def home(request):
    context = {
        "counts": catalog_counts(),
        "top_rated": Film.objects.for_card().top_rated()[:12],
        "recent": Film.objects.for_card().filter(year__isnull=False).order_by("-year", "-id")[:12],
    }
    return render(request, "catalog/home.html", context)


def film_detail(request, public_id: str):
    credits = Credit.objects.select_related("person").order_by("kind", "order", "id")
    film = (
        Film.objects.by_public_id(public_id)
        .prefetch_related("genres", Prefetch("credits", queryset=credits))
        .first()
    )
    if film is None:
        raise Http404("No film with this id")
    cast = [c for c in film.credits.all() if c.kind == Credit.Kind.CAST]
    crew = [c for c in film.credits.all() if c.kind == Credit.Kind.CREW]
    context = {"film": film, "cast": cast, "crew_by_department": crew_by_department(crew)}
    return render(request, "catalog/film_detail.html", context)


def person_detail(request, public_id: str):
    person = Person.objects.by_public_id(public_id).first()
    if person is None:
        raise Http404("No person with this id")
    credits = person.credits.select_related("film").order_by(
        "department", "-film__year", "film__title"
    )
    return render(
        request, "catalog/person_detail.html", {"person": person, "credits": credits[:500]}
    )
