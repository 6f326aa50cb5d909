"""What the corpus-wide outputs say about the edition itself: title, publisher, URL, and
for the home page its editors, description and licence.

Each comes from the build options (`editio build --base-url URL`), else from a
configuration key of the same name if the configuration has one, else the default.
Without a base URL, outputs that need absolute URLs (CMIF, JSON-LD) leave them out and
the CMIF report says so; nothing is invented.
"""

from dataclasses import dataclass

DEFAULTS = {"title": "The editio edition", "publisher": "editio project", "base_url": None, "editors": [],
            "description": None, "licence": None}


@dataclass(frozen=True)
class Edition:
    title: str
    publisher: str
    base_url: str | None  # ends with "/", e.g. "https://example.org/edition/"
    editors: tuple[str, ...] = ()
    description: str | None = None
    licence: str | None = None  # URL

    def url(self, path: str) -> str | None:
        """The published URL of an output path ("html/x.html"), if the base URL is known."""
        return f"{self.base_url}{path}" if self.base_url else None

    def letter_url(self, slug: str) -> str | None:
        return self.url(f"html/{slug}.html")


def edition(ctx) -> Edition:
    def value(key):
        given = ctx.options.get(key)
        if given is None:
            given = getattr(ctx.config, key, None)
        return DEFAULTS[key] if given is None else given

    base = value("base_url")
    if base and not base.endswith("/"):
        base += "/"
    return Edition(value("title"), value("publisher"), base or None, tuple(value("editors")), value("description"),
                   value("licence"))
