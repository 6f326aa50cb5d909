"""ED401-ED405: correspDesc complete enough for a correspondence index (CMIF and the like).

A letter needs a correspAction type="sent" naming a sender (persName, orgName or name) with a
machine-readable date (@when, or a range), a correspAction type="received" naming an
addressee, and, where known, the places.
"""

from ...tei import NS, TEI_NS
from . import at, rule

_AGENTS = ("persName", "orgName", "name")
_DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
_DATE_XPATH = "tei:date[" + " or ".join(f"@{a} or @{a}-iso" for a in _DATE_ATTRIBUTES) + "]"


def _has_agent(action) -> bool:
    for name in _AGENTS:
        for el in action.findall(f"tei:{name}", NS):
            if el.get("ref") or el.get("key") or "".join(el.itertext()).strip():
                return True
    return False


def _actions(corresp, kind: str):
    return corresp.findall(f"tei:correspAction[@type='{kind}']", NS)


def _letters(doc):
    """TEI elements of the document (the root, or those inside a teiCorpus)."""
    root = doc.root
    return [root] if root.tag == f"{{{TEI_NS}}}TEI" else root.findall(".//tei:TEI", NS)


@rule(
    id="ED401", title="Letter without correspDesc", severity="warning",
    doc="A TEI document with a text body that is not a register is taken to be a letter; without "
        "profileDesc/correspDesc it cannot appear in the correspondence index, nor be exported to CMIF. "
        "If the document is not a letter (an introduction, an essay), set this rule to \"off\" or "
        "\"info\" in editio.toml.",
    bad='<profileDesc>\n  <langUsage><language ident="en">English</language></langUsage>\n</profileDesc>',
    good='<profileDesc>\n  <correspDesc>\n    <correspAction type="sent">\n      <persName>Nikita Khrushchev</persName>\n'
         '      <placeName>Moscow</placeName>\n      <date when="1962-11-04"/>\n    </correspAction>\n'
         '    <correspAction type="received">\n      <persName>John F. Kennedy</persName>\n'
         '      <placeName>Washington</placeName>\n    </correspAction>\n  </correspDesc>\n</profileDesc>',
)
def missing_correspdesc(doc, ctx):
    if doc.is_register:
        return
    for tei in _letters(doc):
        if tei.find("tei:text/tei:body", NS) is None or tei.find("tei:teiHeader//tei:correspDesc", NS) is not None:
            continue
        header = tei.find("tei:teiHeader", NS)
        profile = header.find("tei:profileDesc", NS) if header is not None else None
        where = profile if profile is not None else header if header is not None else tei
        yield at(doc, where, "this letter has no correspDesc: sender, addressee, dates and places of the letter are not recorded",
                 "add to teiHeader/profileDesc a <correspDesc> with <correspAction type=\"sent\"> (persName, placeName, date when=\"...\") "
                 "and <correspAction type=\"received\"> (persName)")


@rule(
    id="ED402", title="correspDesc names no sender", severity="error",
    doc="A correspondence index lists letters by sender: the correspDesc needs a correspAction "
        "type=\"sent\" with a persName, orgName or name (with text or @ref) of the writer. An unknown "
        "sender is written as such (<persName>Unknown</persName>), which makes the gap explicit.",
    bad='<correspAction type="sent">\n  <placeName>Moscow</placeName>\n  <date when="1962-11-04"/>\n</correspAction>',
    good='<correspAction type="sent">\n  <persName ref="../registers/persons.xml#per.khrushchev">Nikita Khrushchev</persName>\n'
         '  <placeName>Moscow</placeName>\n  <date when="1962-11-04"/>\n</correspAction>',
)
def missing_sender(doc, ctx):
    for corresp in doc.root.iter(f"{{{TEI_NS}}}correspDesc"):
        sent = _actions(corresp, "sent")
        if not sent:
            yield at(doc, corresp, 'correspDesc has no correspAction type="sent"',
                     'add <correspAction type="sent"> with the sender (persName, orgName or name), the place (placeName) '
                     'and the date (date when="YYYY-MM-DD", or notBefore and notAfter)')
            continue
        if not any(_has_agent(a) for a in sent):
            yield at(doc, sent[0], 'correspAction type="sent" names no sender',
                     'add the writer: <persName ref="../registers/persons.xml#per.xxx">...</persName> (or orgName, or name)')


@rule(
    id="ED403", title="Sending has no machine-readable date", severity="error",
    doc="The correspAction type=\"sent\" needs a <date> with @when, or a range (@notBefore/@notAfter, "
        "@from/@to), so that the letter can be dated and sorted. An undated letter gets the range in "
        "which it must have been written.",
    bad='<correspAction type="sent">\n  <persName>Nikita Khrushchev</persName>\n  <placeName>Moscow</placeName>\n'
        '  <date>undated</date>\n</correspAction>',
    good='<correspAction type="sent">\n  <persName>Nikita Khrushchev</persName>\n  <placeName>Moscow</placeName>\n'
         '  <date notBefore="1962-11-02" notAfter="1962-11-04">undated</date>\n</correspAction>',
)
def missing_sent_date(doc, ctx):
    for corresp in doc.root.iter(f"{{{TEI_NS}}}correspDesc"):
        sent = _actions(corresp, "sent")
        if not sent or any(a.xpath(_DATE_XPATH, namespaces=NS) for a in sent):
            continue
        date = sent[0].find("tei:date", NS)
        if date is not None:
            yield at(doc, date, "the date of sending has no when, notBefore/notAfter or from/to",
                     'add the date in ISO 8601: when="YYYY-MM-DD" or, for an uncertain date, notBefore="..." notAfter="..."')
        else:
            yield at(doc, sent[0], 'correspAction type="sent" has no date',
                     'add <date when="YYYY-MM-DD">...</date>, or notBefore and notAfter when the date is not known exactly')


@rule(
    id="ED404", title="correspDesc names no addressee", severity="error",
    doc="The correspDesc needs a correspAction type=\"received\" with a persName, orgName or name of the "
        "addressee, so that the letter can be listed by recipient.",
    bad='<correspAction type="received">\n  <placeName ref="../registers/places.xml#pla.washington">Washington</placeName>\n'
        '</correspAction>',
    good='<correspAction type="received">\n  <persName ref="../registers/persons.xml#per.kennedy">John F. Kennedy</persName>\n'
         '  <placeName ref="../registers/places.xml#pla.washington">Washington</placeName>\n</correspAction>',
)
def missing_addressee(doc, ctx):
    for corresp in doc.root.iter(f"{{{TEI_NS}}}correspDesc"):
        received = _actions(corresp, "received")
        if not received:
            yield at(doc, corresp, 'correspDesc has no correspAction type="received"',
                     'add <correspAction type="received"> with the addressee (persName, orgName or name) and, if known, placeName')
        elif not any(_has_agent(a) for a in received):
            yield at(doc, received[0], 'correspAction type="received" names no addressee',
                     'add the addressee: <persName ref="../registers/persons.xml#per.xxx">...</persName> (or orgName, or name)')


@rule(
    id="ED405", title="Place of sending or receipt not given", severity="info",
    doc="A correspAction type=\"sent\" or \"received\" has no placeName. Where the place is known (or can be "
        "inferred, with @cert), record it: correspondence indexes and maps use it.",
    bad='<correspAction type="sent">\n  <persName>Nikita Khrushchev</persName>\n  <date when="1962-11-04"/>\n</correspAction>',
    good='<correspAction type="sent">\n  <persName>Nikita Khrushchev</persName>\n'
         '  <placeName ref="../registers/places.xml#pla.moscow">Moscow</placeName>\n  <date when="1962-11-04"/>\n</correspAction>',
)
def missing_place(doc, ctx):
    for corresp in doc.root.iter(f"{{{TEI_NS}}}correspDesc"):
        for kind, what in (("sent", "sending"), ("received", "receipt")):
            for action in _actions(corresp, kind):
                if action.find("tei:placeName", NS) is None:
                    yield at(doc, action, f'correspAction type="{kind}" has no placeName: the place of {what} is not given',
                             'if it is known, add <placeName ref="../registers/places.xml#pla.xxx">...</placeName> '
                             '(with cert="medium" if it is inferred)')
