"""HTML forms. They only collect and shape input; the rules live in reviews.services,
whose ValidationErrors the views attach back to these forms with `add_service_errors`."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from reviews.letterboxd.archive import MAX_UPLOAD_BYTES
from reviews.models import MAX_TEXT, FilmList

RATING_CHOICES = [("", "No rating")] + [
    (str(Decimal(n) / 2), f"{Decimal(n) / 2:g} / 10 · {'★' * (n // 4)}{'½' if n % 4 >= 2 else ''}")
    for n in range(20, -1, -1)
]
# Service error keys that differ from form field names.
_FIELD_FOR = {"watched_date": "watched_on", "order": None}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    for key, messages in error.message_dict.items():
        field = _FIELD_FOR.get(key, key)
        form.add_error(field if field in form.fields else None, messages)


class ReviewForm(forms.Form):
    rating = forms.ChoiceField(choices=RATING_CHOICES, required=False)
    text = forms.CharField(
        label="Review",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=MAX_TEXT,
    )
    watched_on = forms.DateField(
        label="Watched on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty to rate or review without logging a viewing.",
    )
    rewatch = forms.BooleanField(label="I had seen it before (rewatch)", required=False)
    tags = forms.CharField(
        required=False, help_text="Separated by commas, up to 20.", max_length=20 * 66
    )

    def clean_tags(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]

    def clean_rating(self) -> str | None:
        return self.cleaned_data["rating"] or None


class FilmListForm(forms.ModelForm):
    class Meta:
        model = FilmList
        fields = ["name", "description", "visibility", "ranked"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"ranked": "Ranked (show positions)"}


class ListItemNoteForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=MAX_TEXT
    )


class AddFilmForm(forms.Form):
    film = forms.CharField(
        label="Film",
        max_length=200,
        help_text="A title (with the year if you like), an IMDb id or a film page id.",
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class LetterboxdUploadForm(forms.Form):
    files = MultipleFileField(
        label="Letterboxd export",
        help_text="The .zip from letterboxd.com › Settings › Import & export, or its CSV files.",
        widget=MultipleFileInput(attrs={"accept": ".zip,.csv"}),
    )

    def clean_files(self):
        uploads = [upload for upload in self.cleaned_data["files"] if upload]
        if not uploads:
            raise ValidationError("Choose the export zip or its CSV files.")
        if sum(upload.size for upload in uploads) > MAX_UPLOAD_BYTES:
            raise ValidationError(f"At most {MAX_UPLOAD_BYTES // 2**20} MB in all.")
        return uploads
