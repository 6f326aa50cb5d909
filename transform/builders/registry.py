"""The list of builders. A new output format is one module plus one line here."""

from .exports import CmifBuilder, CsvBuilder, JsonBuilder, JsonLdBuilder
from .html import HtmlBuilder
from .site_root import SiteRootBuilder
from .text import TextBuilder
from .xml import XmlBuilder

BUILDERS: list = [TextBuilder, XmlBuilder, CmifBuilder, CsvBuilder, JsonBuilder, JsonLdBuilder, HtmlBuilder, SiteRootBuilder]
