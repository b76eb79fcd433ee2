"""List pages: view (public, unlisted by link, private to the owner), create, edit, and
the item operations behind the editor (add, remove, move up/down, note, drag-and-drop)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from catalog.models import Film
from catalog.resolver import best_match, resolve_title
from reviews import selectors, services
from reviews.forms import AddFilmForm, FilmListForm, ListItemNoteForm, add_service_errors
from reviews.views.access import list_for_viewer, own_item, own_list, safe_next

# The editor shows every item (reordering needs them all) up to this many; longer lists
# are edited a page at a time.
EDIT_PAGE = 500
VIEW_PAGE = 100


def _edit_url(film_list) -> str:
    return reverse("reviews:list_edit", args=[film_list.token])


# /lists/new/
@login_required
def list_create(request: HttpRequest) -> HttpResponse:
    form = FilmListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            film_list = services.list_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "List created. Add some films.")
            return redirect(_edit_url(film_list))
    status = 400 if request.method == "POST" else 200
    return render(request, "reviews/filmlist_form.html", {"form": form}, status=status)


# /lists/<token>/
def list_detail(request: HttpRequest, token: str) -> HttpResponse:
    film_list = list_for_viewer(request, token)
    page = Paginator(selectors.list_items(film_list), VIEW_PAGE).get_page(request.GET.get("page"))
    context = {
        "film_list": film_list,
        "page": page,
        "is_owner": request.user.is_authenticated and film_list.user_id == request.user.pk,
    }
    return render(request, "reviews/filmlist_detail.html", context)


# /lists/<token>/edit/
@login_required
def list_edit(request: HttpRequest, token: str) -> HttpResponse:
    film_list = own_list(request, token)
    form = FilmListForm(request.POST or None, instance=film_list)
    if request.method == "POST" and form.is_valid():
        try:
            services.list_update(film_list=film_list, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "List saved.")
            return redirect(_edit_url(film_list))
    items = selectors.list_items(film_list)
    page = Paginator(items, EDIT_PAGE).get_page(request.GET.get("page"))
    context = {"film_list": film_list, "form": form, "page": page, "add_form": AddFilmForm()}
    status = 400 if request.method == "POST" else 200
    return render(request, "reviews/filmlist_edit.html", context, status=status)


# /lists/<token>/delete/
@login_required
@require_POST
def list_delete(request: HttpRequest, token: str) -> HttpResponse:
    film_list = own_list(request, token)
    services.list_delete(film_list=film_list)
    messages.success(request, f"Deleted the list {film_list.name}.")
    return redirect("reviews:user_lists", request.user.username)


def _film_named(text: str) -> Film | None:
    """An exact page id or IMDb id first, then the resolver's confident match."""
    text = text.strip()
    exact = Film.objects.by_public_id(text).first()
    if exact is not None:
        return exact
    match = best_match(resolve_title(text))
    return match.film if match else None


# /lists/<token>/items/add/
@login_required
@require_POST
def item_add(request: HttpRequest, token: str) -> HttpResponse:
    film_list = own_list(request, token)
    form = AddFilmForm(request.POST)
    film = _film_named(form.data.get("film", "")) if form.is_valid() else None
    if film is None:
        messages.error(request, "No film found by that name. Try adding the year.")
        return redirect(_edit_url(film_list))
    _, created = services.list_add_item(film_list=film_list, film=film)
    if created:
        messages.success(request, f"Added {film}.")
    else:
        messages.info(request, f"{film} is already on this list.")
    return redirect(_edit_url(film_list))


# /lists/<token>/items/<id>/move/
@login_required
@require_POST
def item_move(request: HttpRequest, token: str, item_id: int) -> HttpResponse:
    film_list = own_list(request, token)
    item = own_item(film_list, item_id)
    direction = request.POST.get("direction")
    raw = request.POST.get("position", "")
    if direction in ("up", "down"):
        target = max(1, item.position + (-1 if direction == "up" else 1))
    elif raw.strip().isdigit():
        target = int(raw)
    else:
        messages.error(request, "Give a position (1 or more).")
        return redirect(_edit_url(film_list))
    try:
        services.list_move_item(item=item, position=target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(safe_next(request, _edit_url(film_list)) + f"#item-{item.pk}")


# /lists/<token>/items/<id>/remove/
@login_required
@require_POST
def item_remove(request: HttpRequest, token: str, item_id: int) -> HttpResponse:
    film_list = own_list(request, token)
    item = own_item(film_list, item_id)
    services.list_remove_item(item=item)
    messages.success(request, f"Removed {item.film}.")
    return redirect(_edit_url(film_list))


# /lists/<token>/items/<id>/note/
@login_required
@require_POST
def item_note(request: HttpRequest, token: str, item_id: int) -> HttpResponse:
    film_list = own_list(request, token)
    item = own_item(film_list, item_id)
    form = ListItemNoteForm(request.POST)
    if form.is_valid():
        services.list_update_item(item=item, note=form.cleaned_data["note"])
        messages.success(request, f"Saved the note on {item.film}.")
    else:
        messages.error(request, "The note is too long.")
    return redirect(_edit_url(film_list) + f"#item-{item.pk}")


# /lists/<token>/reorder/  (the drag-and-drop editor posts the full new order)
@login_required
@require_POST
def list_reorder(request: HttpRequest, token: str) -> HttpResponse:
    film_list = own_list(request, token)
    raw = request.POST.get("order", "")
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        ids = [int(part) for part in raw.split(",") if part.strip()]
        services.list_reorder(film_list=film_list, item_ids=ids)
    except (ValueError, ValidationError):
        if wants_json:
            return JsonResponse(
                {"ok": False, "error": "The order must list every item."}, status=400
            )
        messages.error(request, "The list changed meanwhile; reload and try again.")
        return redirect(_edit_url(film_list))
    if wants_json:
        return JsonResponse({"ok": True})
    messages.success(request, "New order saved.")
    return redirect(_edit_url(film_list))
