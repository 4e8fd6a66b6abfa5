"""Checks shared by the notes, calls and preferences services."""

import re
import unicodedata

from contacts_graph.errors import FieldError

# Line breaks are kept in multi-line text, and count towards a second cap so
# that a body cannot be mostly blank lines.
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
BLANK_RUN = re.compile(r"\n{3,}")


def multiline_text(value: str) -> str:
    """Return ``value`` as stored: composed, with line breaks and tabs kept.

    ``visible_text`` drops every control character, newlines included, which
    suits one-line fields but not a note; here only the others go.
    """
    unified = LINE_BREAKS.sub("\n", value)
    shown = "".join(
        ch
        for ch in unified
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    composed = unicodedata.normalize("NFC", shown)
    return BLANK_RUN.sub("\n\n", composed).strip()


def text_errors(
    field: str, value: str, limit: int, *, required: bool = False
) -> list[FieldError]:
    """Return why ``value`` (already cleaned) cannot be stored in ``field``."""
    if required and not value:
        return [FieldError(field, "REQUIRED", f"{field} needs some text.")]
    visible = len(value) - value.count("\n") - value.count("\t")
    if visible > limit or len(value) > 2 * limit:
        return [
            FieldError(
                field, "TOO_LONG", f"{field} takes at most {limit:,} characters."
            )
        ]
    return []
