"""The dates `editio new` accepts (ISO 8601 that exist) and writes, and the ids it makes:
slugs, and letter ids whose prefix no xml:id of the sources uses."""

import re
import unicodedata
from pathlib import Path

from ..tei import ISO_DATE
from .layout import ScaffoldError

ID = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")


def check_date(value: str, what: str) -> str:
    """An ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD) that exists, or a ScaffoldError."""
    from ..validate.rules.dates import DateError, parse

    if not ISO_DATE.match(value or ""):
        raise ScaffoldError(f"{what} '{value}' is not a date in the form YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 1962-11-04")
    try:
        parse(value)  # the form is right: what is wrong is the month or the day, which rule ED301 words
    except DateError as e:
        raise ScaffoldError(f"{what} '{value}': {e.message}; check the date in the source") from None
    return value


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: 'Washington, D.C.' -> 'washington-d-c'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def ids_in_sources(root: Path) -> set[str]:
    ids = set()
    pattern = re.compile(rb"xml:id\s*=\s*[\"']([^\"']+)[\"']")
    folder = root / "tei"
    for p in folder.rglob("*.xml") if folder.is_dir() else ():
        try:
            ids.update(m.group(1).decode("utf-8", "replace") for m in pattern.finditer(p.read_bytes()))
        except OSError:
            continue
    return ids


def prefix_taken(prefix: str, ids: set[str]) -> bool:
    return any(i == prefix or i.startswith(prefix + ".") for i in ids)
