"""Shapes of the synthetic catalog: how many films per year, genres, languages, countries.

Weights are rough relative frequencies in the style of IMDb/TMDB catalogs, not data.
"""

from __future__ import annotations

import bisect
import math
from itertools import accumulate

FIRST_YEAR = 1920
LAST_YEAR = 2026


def _year_weight(year: int) -> float:
    weight = math.exp((year - FIRST_YEAR) / 40)  # roughly 12x more films a year by 2019
    if year in (2020, 2021):
        weight *= 0.75  # cinemas closed
    if year == LAST_YEAR:
        weight *= 0.6  # the current year is not over; part of it is still in production
    return weight


YEARS: tuple[int, ...] = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
YEAR_CUM_WEIGHTS: tuple[float, ...] = tuple(accumulate(_year_weight(y) for y in YEARS))
_TOTAL = YEAR_CUM_WEIGHTS[-1]


def year_share_before(year: float) -> float:
    """Share of films released before `year` (the catalog's year CDF, interpolated)."""
    if year <= FIRST_YEAR:
        return 0.0
    if year >= LAST_YEAR + 1:
        return 1.0
    whole = int(year)
    before = YEAR_CUM_WEIGHTS[whole - FIRST_YEAR - 1] if whole > FIRST_YEAR else 0.0
    return (before + (year - whole) * _year_weight(whole)) / _TOTAL


def year_at_share(share: float) -> int:
    """Inverse of `year_share_before`: the year at which `share` of the films are out."""
    index = bisect.bisect_left(YEAR_CUM_WEIGHTS, share * _TOTAL)
    return YEARS[min(index, len(YEARS) - 1)]


# name: (weight, rating shift)
GENRES: dict[str, tuple[float, float]] = {
    "Drama": (30, 0.25),
    "Comedy": (20, -0.1),
    "Thriller": (8, -0.1),
    "Romance": (8, 0.0),
    "Action": (7, -0.25),
    "Crime": (7, 0.1),
    "Horror": (6, -0.7),
    "Documentary": (6, 0.6),
    "Adventure": (4, 0.0),
    "Mystery": (3, 0.0),
    "Family": (3, -0.2),
    "Fantasy": (3, -0.1),
    "Science Fiction": (3, -0.15),
    "Animation": (2.5, 0.3),
    "History": (2, 0.35),
    "War": (2, 0.3),
    "Music": (2, 0.2),
    "Western": (2, 0.0),
    "TV Movie": (1.5, -0.3),
}
GENRE_COUNT_WEIGHTS = (40, 38, 22)  # films with 1, 2 and 3 genres

# code: (name, weight, ((country, weight), ...))
LANGUAGES: dict[str, tuple[str, float, tuple[tuple[str, int], ...]]] = {
    "en": (
        "English",
        52,
        (("US", 62), ("GB", 20), ("CA", 6), ("AU", 5), ("IE", 2), ("NZ", 1), ("ZA", 1), ("IN", 1)),
    ),
    "fr": ("French", 6, (("FR", 80), ("BE", 8), ("CA", 8), ("CH", 4))),
    "es": ("Spanish", 5, (("ES", 45), ("MX", 30), ("AR", 15), ("CO", 5), ("CL", 5))),
    "ja": ("Japanese", 4.5, (("JP", 1),)),
    "de": ("German", 4, (("DE", 75), ("AT", 15), ("CH", 10))),
    "it": ("Italian", 4, (("IT", 1),)),
    "hi": ("Hindi", 3.5, (("IN", 1),)),
    "zh": ("Chinese", 2.5, (("CN", 55), ("HK", 25), ("TW", 20))),
    "ko": ("Korean", 2, (("KR", 1),)),
    "ru": ("Russian", 2, (("RU", 1),)),
    "pt": ("Portuguese", 2, (("BR", 65), ("PT", 35))),
    "tr": ("Turkish", 1, (("TR", 1),)),
    "ta": ("Tamil", 1, (("IN", 1),)),
    "sv": ("Swedish", 1, (("SE", 1),)),
    "te": ("Telugu", 0.8, (("IN", 1),)),
    "nl": ("Dutch", 0.8, (("NL", 70), ("BE", 30))),
    "pl": ("Polish", 0.8, (("PL", 1),)),
    "da": ("Danish", 0.7, (("DK", 1),)),
    "ml": ("Malayalam", 0.6, (("IN", 1),)),
    "fa": ("Persian", 0.6, (("IR", 1),)),
    "ar": ("Arabic", 0.6, (("EG", 50), ("LB", 20), ("MA", 15), ("TN", 15))),
    "cs": ("Czech", 0.5, (("CZ", 1),)),
    "hu": ("Hungarian", 0.4, (("HU", 1),)),
    "fi": ("Finnish", 0.4, (("FI", 1),)),
    "no": ("Norwegian", 0.4, (("NO", 1),)),
    "el": ("Greek", 0.4, (("GR", 1),)),
    "th": ("Thai", 0.4, (("TH", 1),)),
    "id": ("Indonesian", 0.4, (("ID", 1),)),
    "tl": ("Tagalog", 0.4, (("PH", 1),)),
    "bn": ("Bengali", 0.4, (("IN", 60), ("BD", 40))),
    "he": ("Hebrew", 0.3, (("IL", 1),)),
    "ro": ("Romanian", 0.3, (("RO", 1),)),
    "uk": ("Ukrainian", 0.2, (("UA", 1),)),
    "sr": ("Serbian", 0.2, (("RS", 1),)),
    "vi": ("Vietnamese", 0.2, (("VN", 1),)),
    "ur": ("Urdu", 0.2, (("PK", 1),)),
    "pa": ("Punjabi", 0.2, (("IN", 70), ("PK", 30))),
    "mr": ("Marathi", 0.2, (("IN", 1),)),
    "hr": ("Croatian", 0.1, (("HR", 1),)),
    "bg": ("Bulgarian", 0.1, (("BG", 1),)),
    "sk": ("Slovak", 0.1, (("SK", 1),)),
    "et": ("Estonian", 0.1, (("EE", 1),)),
    "is": ("Icelandic", 0.1, (("IS", 1),)),
    "ka": ("Georgian", 0.1, (("GE", 1),)),
    "ms": ("Malay", 0.1, (("MY", 1),)),
    "ca": ("Catalan", 0.1, (("ES", 1),)),
    "sw": ("Swahili", 0.1, (("KE", 60), ("TZ", 40))),
    "yo": ("Yoruba", 0.1, (("NG", 1),)),
    "eu": ("Basque", 0.05, (("ES", 1),)),
    "ga": ("Irish", 0.05, (("IE", 1),)),
    "cy": ("Welsh", 0.05, (("GB", 1),)),
    "zu": ("Zulu", 0.05, (("ZA", 1),)),
    "af": ("Afrikaans", 0.05, (("ZA", 1),)),
    "hy": ("Armenian", 0.05, (("AM", 1),)),
    "lt": ("Lithuanian", 0.05, (("LT", 1),)),
    "lv": ("Latvian", 0.05, (("LV", 1),)),
    "sl": ("Slovenian", 0.05, (("SI", 1),)),
    "mk": ("Macedonian", 0.05, (("MK", 1),)),
    "sq": ("Albanian", 0.05, (("AL", 1),)),
    "bs": ("Bosnian", 0.05, (("BA", 1),)),
    "mn": ("Mongolian", 0.05, (("MN", 1),)),
    "ne": ("Nepali", 0.05, (("NP", 1),)),
    "si": ("Sinhala", 0.05, (("LK", 1),)),
    "km": ("Khmer", 0.05, (("KH", 1),)),
    "kk": ("Kazakh", 0.05, (("KZ", 1),)),
    "am": ("Amharic", 0.03, (("ET", 1),)),
    "ha": ("Hausa", 0.03, (("NG", 1),)),
    "ig": ("Igbo", 0.03, (("NG", 1),)),
    "ps": ("Pashto", 0.03, (("AF", 1),)),
    "lo": ("Lao", 0.03, (("LA", 1),)),
    "my": ("Burmese", 0.03, (("MM", 1),)),
}

COUNTRIES: dict[str, str] = {
    "AF": "Afghanistan",
    "AL": "Albania",
    "AM": "Armenia",
    "AR": "Argentina",
    "AT": "Austria",
    "AU": "Australia",
    "BA": "Bosnia and Herzegovina",
    "BD": "Bangladesh",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "BR": "Brazil",
    "CA": "Canada",
    "CH": "Switzerland",
    "CL": "Chile",
    "CN": "China",
    "CO": "Colombia",
    "CZ": "Czechia",
    "DE": "Germany",
    "DK": "Denmark",
    "EE": "Estonia",
    "EG": "Egypt",
    "ES": "Spain",
    "ET": "Ethiopia",
    "FI": "Finland",
    "FR": "France",
    "GB": "United Kingdom",
    "GE": "Georgia",
    "GR": "Greece",
    "HK": "Hong Kong",
    "HR": "Croatia",
    "HU": "Hungary",
    "ID": "Indonesia",
    "IE": "Ireland",
    "IL": "Israel",
    "IN": "India",
    "IR": "Iran",
    "IS": "Iceland",
    "IT": "Italy",
    "JP": "Japan",
    "KE": "Kenya",
    "KH": "Cambodia",
    "KR": "South Korea",
    "KZ": "Kazakhstan",
    "LA": "Laos",
    "LB": "Lebanon",
    "LK": "Sri Lanka",
    "LT": "Lithuania",
    "LV": "Latvia",
    "MA": "Morocco",
    "MK": "North Macedonia",
    "MM": "Myanmar",
    "MN": "Mongolia",
    "MX": "Mexico",
    "MY": "Malaysia",
    "NG": "Nigeria",
    "NL": "Netherlands",
    "NO": "Norway",
    "NP": "Nepal",
    "NZ": "New Zealand",
    "PH": "Philippines",
    "PK": "Pakistan",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "RS": "Serbia",
    "RU": "Russia",
    "SE": "Sweden",
    "SI": "Slovenia",
    "SK": "Slovakia",
    "TH": "Thailand",
    "TN": "Tunisia",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "UA": "Ukraine",
    "US": "United States of America",
    "VN": "Vietnam",
    "ZA": "South Africa",
}
# Frequent co-production partners, for films made in two countries.
CO_PRODUCERS = ("US", "GB", "FR", "DE", "CA", "IT", "ES", "BE", "JP", "AU", "SE", "DK", "IE")

CERTIFICATIONS: dict[str, tuple[str, ...]] = {
    "US": ("G", "PG", "PG-13", "R", "NC-17"),
    "GB": ("U", "PG", "12A", "15", "18"),
    "DE": ("0", "6", "12", "16", "18"),
    "FR": ("U", "12", "16", "18"),
}

WATCH_REGIONS = (
    "US",
    "GB",
    "CA",
    "DE",
    "FR",
    "ES",
    "IT",
    "IN",
    "JP",
    "BR",
    "AU",
    "KR",
    "MX",
    "NL",
    "SE",
)
