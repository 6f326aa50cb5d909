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

    return Edition(value("title"), value("publisher"), normalised_base(value("base_url")), tuple(value("editors")),
                   value("description"), value("licence"))


def normalised_base(url: str | None) -> str | None:
    """A base URL as the outputs use it: ending with "/"; None when not given."""
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def publishing(out, base_url: str | None) -> str:
    """Where to publish the output folder, and the URL of cmif.xml for correspSearch: the
    folder is published as it is, at base_url, which every URL in the outputs starts with."""
    base = normalised_base(base_url)
    if not base:
        return f"publish {out} as it is, at the address you give as base_url (editio.toml or --base-url), so the exports carry URLs"
    return f"publish {out} as it is at {base}\nCMIF for correspSearch: {base}export/cmif.xml"
