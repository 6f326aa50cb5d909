"""Running the edition's XSLT 1.0 stylesheets with lxml.

Stylesheets are compiled once per process. At run time they may read nothing and write
nothing (no document(), no xsl:document): everything a page needs is in the standalone
letter or passed as a parameter.
"""

from lxml import etree

from .resources import xslt_dir

_compiled: dict[str, etree.XSLT] = {}


class TransformError(Exception):
    pass


def stylesheet(name: str) -> etree.XSLT:
    """A compiled stylesheet by its path under xslt/, e.g. 'html/letter.xsl'."""
    if name not in _compiled:
        path = xslt_dir() / name
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        _compiled[name] = etree.XSLT(etree.parse(str(path), parser), access_control=etree.XSLTAccessControl.DENY_ALL)
    return _compiled[name]


def transform(name: str, tree, **params) -> etree._XSLTResultTree:
    """Apply a stylesheet; string parameters are quoted for XPath here."""
    xslt = stylesheet(name)
    quoted = {k: etree.XSLT.strparam(str(v)) for k, v in params.items()}
    try:
        return xslt(tree, **quoted)
    except etree.XSLTApplyError as e:
        raise TransformError(f"{name}: {e}; {xslt.error_log}") from None
