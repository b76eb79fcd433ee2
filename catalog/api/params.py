"""Query-parameter parsing for the catalog API: strict, and every error names the parameter.

DRF and django-filter clamp or ignore what they cannot use (limit=0, limit=501,
fields=__class__, an unknown parameter); here each of those is a 400 `invalid_request`
whose message says what is allowed, e.g. "limit must be a whole number from 1 to 500".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict

from config.api.errors import ApiError

# Credentials may travel in the query string (see api-conventions.md); never "unknown".
AUTH_PARAMS = frozenset({"key", "api_key"})


def invalid(name: str, rule: str) -> ApiError:
    return ApiError(f"{name} {rule}", details={name: [rule]})


def check_known(params: QueryDict, allowed: set[str] | frozenset[str]) -> None:
    for name in params:
        if name not in allowed and name not in AUTH_PARAMS:
            raise invalid(name, f"is not a parameter here; allowed: {', '.join(sorted(allowed))}")
        if len(params.getlist(name)) > 1:
            raise invalid(name, "must be given at most once")


def parse_int(params: QueryDict, name: str, *, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    rule = f"must be a whole number from {low} to {high}"
    if not raw.strip().isdigit():
        raise invalid(name, rule)
    value = int(raw)
    if not low <= value <= high:
        raise invalid(name, rule)
    return value


def parse_choice(params: QueryDict, name: str, choices: tuple[str, ...], default: str) -> str:
    raw = params.get(name) or default
    if raw not in choices:
        raise invalid(name, f"must be one of {', '.join(choices)}")
    return raw


def parse_list(params: QueryDict, name: str) -> list[str]:
    raw = params.get(name) or ""
    return [part.strip() for part in raw.split(",") if part.strip()]


# --- fields= -----------------------------------------------------------------------------
# A field tree: {"title": None, "ratings": {"imdb": None, ...}}; None marks a leaf.
FieldTree = dict[str, "FieldTree | None"]


@dataclass
class Projection:
    """The fields a client asked for; `None` means everything."""

    tree: FieldTree | None = None
    top: set[str] = field(default_factory=set)

    def wants(self, name: str) -> bool:
        return self.tree is None or name in self.tree

    def apply(self, obj: dict) -> dict:
        return obj if self.tree is None else _project(obj, self.tree)


def _project(obj, tree: FieldTree):
    if isinstance(obj, list):
        return [_project(item, tree) for item in obj]
    if not isinstance(obj, dict):
        return obj
    out = {}
    for name, sub in tree.items():
        if name in obj:
            out[name] = obj[name] if sub is None else _project(obj[name], sub)
    return out


def flatten(tree: FieldTree, prefix: str = "") -> list[str]:
    names = []
    for name, sub in tree.items():
        names.append(prefix + name)
        if sub:
            names.extend(flatten(sub, f"{prefix}{name}."))
    return names


def parse_fields(params: QueryDict, available: FieldTree) -> Projection:
    requested = parse_list(params, "fields")
    if not requested:
        return Projection()
    if len(requested) > 100:
        raise invalid("fields", "must name at most 100 fields")
    tree: FieldTree = {}
    for dotted in requested:
        node, out = available, tree
        parts = dotted.split(".")
        for depth, part in enumerate(parts):
            if not isinstance(node, dict) or part not in node:
                raise invalid(
                    "fields",
                    f"has an unknown field {dotted!r}; valid: {', '.join(flatten(available))}",
                )
            last = depth == len(parts) - 1
            if last:
                out[part] = None  # the whole subtree
            else:
                existing = out.get(part, {})
                if existing is None:
                    break  # already asked for the whole parent
                out = out.setdefault(part, existing)
            node = node[part]
    return Projection(tree=tree, top=set(tree))
