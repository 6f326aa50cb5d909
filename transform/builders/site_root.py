"""The page at the top of the output folder: output/index.html.

The output folder is published as it is (html/, text/, xml/, export/ beneath one
address, `base_url`), so the URLs the exports and pages give hold on any static host.
The address itself needs a page: this one sends the reader on to the reading edition,
html/index.html, at once (a refresh of 0 seconds, and a link for whatever ignores it).
"""

from xml.sax.saxutils import escape, quoteattr

from . import Output
from .edition import edition

HOME = "html/index.html"


class SiteRootBuilder:
    name = "root"

    def build(self, letter, ctx) -> list[Output]:
        return []

    def finish(self, ctx) -> list[Output]:
        title = escape(edition(ctx).title)
        target = quoteattr(HOME)
        page = ("<!DOCTYPE html>\n"
                '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                f'<meta http-equiv="refresh" content="0; url={HOME}">\n'
                f"<title>{title}</title>\n"
                f"<link rel=\"canonical\" href={target}>\n"
                "</head>\n<body>\n"
                f"<p><a href={target}>{title}</a></p>\n"
                "</body>\n</html>\n")
        return [Output("index.html", page.encode("utf-8"))]
