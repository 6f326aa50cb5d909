"""ED301-ED305: dates in @when, @notBefore, @notAfter, @from, @to (and their -iso variants).

TEI's att.datable.w3c takes the XML Schema types xsd:date, xsd:gYear, xsd:gYearMonth,
xsd:gMonth, xsd:gMonthDay, xsd:gDay, xsd:time and xsd:dateTime (negative years for BCE,
optional time zone). The -iso attributes also take other ISO 8601 forms: basic format
(19621104), week dates (1962-W45-7), ordinal dates (1962-308), times of reduced precision
(1962-11-04T10:30), intervals (1962-11-04/1962-11-06) and durations (P3D).

A value is turned into the interval of instants it covers (1962 covers the whole year), so
ranges of different precision compare as a reader would: notBefore="1962-11" and
notAfter="1962" are in order; a letter received on 1962-11-03 and sent 1962-11-04 is not.
"""

import re
from functools import lru_cache
from datetime import date as _date, datetime, timezone

from lxml import etree

from ...tei import MONTHS, NS, TEI_NS
from . import at, rule

W3C_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
ISO_ATTRIBUTES = tuple(f"{a}-iso" for a in W3C_ATTRIBUTES)
ATTRIBUTES = W3C_ATTRIBUTES + ISO_ATTRIBUTES
# Elements on which @from/@to are not dates: pages, folios, pointers, graph arcs.
_FROM_TO_NOT_DATES = {f"{{{TEI_NS}}}{n}" for n in ("biblScope", "citedRange", "locus", "span", "arc")}
_DATE_ATTRIBUTES = etree.XPath("|".join(f"//tei:*/@{a}" for a in ATTRIBUTES), namespaces=NS)

_TZ = r"(?P<tz>Z|(?P<tzs>[+-])(?P<tzh>\d\d):(?P<tzm>\d\d))?"
_YEAR = r"(?P<y>-?\d{4,})"
_TIME = r"(?P<h>\d\d):(?P<mi>\d\d):(?P<s>\d\d)(?P<frac>\.\d+)?"
_DATE_TIME = ("dateTime", re.compile(rf"{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)T{_TIME}{_TZ}"))
_DATE = ("date", re.compile(rf"{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d){_TZ}"))
_YEAR_MONTH = ("gYearMonth", re.compile(rf"{_YEAR}-(?P<m>\d\d){_TZ}"))
_G_YEAR = ("gYear", re.compile(rf"{_YEAR}{_TZ}"))
_PARTIAL = [
    ("gMonthDay", re.compile(rf"--(?P<m>\d\d)-(?P<d>\d\d){_TZ}")),
    ("gMonth", re.compile(rf"--(?P<m>\d\d){_TZ}")),
    ("gDay", re.compile(rf"---(?P<d>\d\d){_TZ}")),
    ("time", re.compile(rf"{_TIME}{_TZ}")),
]
_W3C = [_DATE_TIME, _DATE, _YEAR_MONTH, _G_YEAR, *_PARTIAL]
# ISO 8601 beyond XML Schema, for the -iso attributes. Order matters: 19621104 is a basic
# date, not the year 19621104, and 1962308 an ordinal date.
_ISO_TIME = r"(?P<h>\d\d)(?::?(?P<mi>\d\d)(?::?(?P<s>\d\d)(?P<frac>[.,]\d+)?)?)?"
_ISO = [
    _DATE_TIME, _DATE, _YEAR_MONTH,
    ("dateTime", re.compile(rf"{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)T{_ISO_TIME}{_TZ}")),
    ("week", re.compile(r"(?P<y>-?\d{4})-?W(?P<w>\d\d)(?:-?(?P<wd>\d))?")),
    ("date", re.compile(r"(?P<y>\d{4})(?P<m>\d\d)(?P<d>\d\d)")),
    ("dateTime", re.compile(rf"(?P<y>\d{{4}})(?P<m>\d\d)(?P<d>\d\d)T{_ISO_TIME}{_TZ}")),
    ("ordinal", re.compile(r"(?P<y>-?\d{4})-?(?P<o>\d{3})")),
    _G_YEAR, *_PARTIAL,
    ("time", re.compile(rf"(?:T{_ISO_TIME}|(?P<h2>\d\d):(?P<mi2>\d\d)){_TZ}")),
    ("duration", re.compile(r"P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?")),
]
_DAY = 86400


class DateError(ValueError):
    """Why a value is not a date TEI accepts; the hint says how to write it."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _days_in_month(y: int | None, m: int) -> int:
    if m == 2:
        return 29 if y is None or _leap(y) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def _days(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar, for any year (H. Hinnant)."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _year(text: str) -> int:
    digits = text.lstrip("-")
    if len(digits) > 4 and digits[0] == "0":
        raise DateError(f"the year {text} has a leading zero", "years of more than four digits have no leading zero")
    y = int(text)
    if y == 0:
        raise DateError("there is no year 0000 in XML Schema dates",
                        "1 BCE is written -0001; or use when-iso, which follows ISO 8601 (where 0000 is 1 BCE)")
    return y


def _check_day(y: int | None, m: int | None, d: int | None) -> None:
    if m is not None and not 1 <= m <= 12:
        raise DateError(f"month {m:02d} does not exist", "months are 01 to 12")
    if d is not None:
        limit = _days_in_month(y, m) if m is not None else 31
        if not 1 <= d <= limit:
            if m is not None:
                where = f"{MONTHS[m - 1]} {y}" if y is not None else MONTHS[m - 1]
                raise DateError(f"{where} has no day {d}: it has {limit} days",
                                "check the day in the source; if it is doubtful use notBefore and notAfter")
            raise DateError(f"day {d:02d} does not exist", "days are 01 to 31")


def _check_time(g) -> int:
    h = int(g["h"])
    mi = int(g["mi"]) if g.get("mi") else 0
    s = int(g["s"]) if g.get("s") else 0
    if h == 24 and mi == 0 and s == 0 and not (g.get("frac") or "").strip(".,0"):
        return _DAY
    if h > 23 or mi > 59 or s > 60:
        raise DateError(f"{g['h']}:{mi:02d}:{s:02d} is not a time of day", "hours are 00-23, minutes and seconds 00-59")
    return h * 3600 + mi * 60 + s


def _tz_offset(g) -> int:
    if not g.get("tzs"):
        return 0
    h, m = int(g["tzh"]), int(g["tzm"])
    if h > 14 or m > 59 or (h == 14 and m):
        raise DateError(f"the time zone {g['tzs']}{g['tzh']}:{g['tzm']} does not exist", "time zones run from -14:00 to +14:00")
    return (h * 3600 + m * 60) * (1 if g["tzs"] == "+" else -1)


@lru_cache(maxsize=8192)
def parse(value: str, iso: bool = False) -> tuple[int, int] | None:
    """(first, last) second (since 1970, UTC where a zone is given) that the value covers;
    None for values that name no point in time (a month of every year, a time of any day,
    a duration). Raises DateError for what is not a date TEI accepts."""
    if iso and "/" in value:
        parts = value.split("/")
        if len(parts) != 2 or not all(parts):
            raise DateError(f'"{value}" is not an ISO 8601 interval', "write start/end, e.g. 1962-11-04/1962-11-06")
        start, end = (parse(p, iso=True) for p in parts)
        if start and end and start[0] > end[1]:
            raise DateError(f'the interval "{value}" ends before it starts', "write the earlier date first")
        return (start[0], end[1]) if start and end else None
    for kind, pattern in _ISO if iso else _W3C:
        m = pattern.fullmatch(value)
        if m:
            return _bounds(kind, m.groupdict(), iso)
    raise DateError(*_explain(value, iso))


def _bounds(kind: str, g: dict, iso: bool) -> tuple[int, int] | None:
    if kind == "duration":
        return None
    y = None
    if g.get("y") is not None:
        y = int(g["y"]) if iso else _year(g["y"])
    m = int(g["m"]) if g.get("m") else None
    d = int(g["d"]) if g.get("d") else None
    _check_day(y, m, d)
    tz = _tz_offset(g)
    if kind in ("gMonth", "gMonthDay", "gDay"):
        return None
    if kind == "time":
        _check_time({"h": g.get("h") or g.get("h2"), "mi": g.get("mi") or g.get("mi2"), "s": g.get("s"), "frac": g.get("frac")})
        return None
    if kind == "week":
        week, wd = int(g["w"]), int(g["wd"]) if g.get("wd") else None
        if wd is not None and not 1 <= wd <= 7:
            raise DateError(f"day {wd} of the week does not exist", "ISO weekdays are 1 (Monday) to 7 (Sunday)")
        jan4 = _days(y, 1, 4)
        week1 = jan4 - (jan4 + 3) % 7  # Monday of week 1 (1970-01-01 was a Thursday)
        next_week1 = _days(y + 1, 1, 4) - (_days(y + 1, 1, 4) + 3) % 7
        weeks = (next_week1 - week1) // 7
        if not 1 <= week <= weeks:
            raise DateError(f"week {week:02d} does not exist in {y}: it has {weeks} ISO weeks", "ISO weeks are 01 to 52 or 53")
        first = week1 + (week - 1) * 7 + ((wd or 1) - 1)
        return first * _DAY, (first + (1 if wd else 7)) * _DAY - 1
    if kind == "ordinal":
        o, length = int(g["o"]), 366 if _leap(y) else 365
        if not 1 <= o <= length:
            raise DateError(f"day {o:03d} does not exist in {y}: it has {length} days", "ordinal days are 001 to 365 (366)")
        first = _days(y, 1, 1) + o - 1
        return first * _DAY, (first + 1) * _DAY - 1
    if kind == "gYear":
        return _days(y, 1, 1) * _DAY - tz, _days(y + 1, 1, 1) * _DAY - 1 - tz
    if kind == "gYearMonth":
        nxt = _days(y + (m == 12), m % 12 + 1, 1)
        return _days(y, m, 1) * _DAY - tz, nxt * _DAY - 1 - tz
    day = _days(y, m, d) * _DAY - tz
    if kind == "date":
        return day, day + _DAY - 1
    t = _check_time(g)  # dateTime
    precise = 1 if g.get("s") else 60 if g.get("mi") else 3600
    return day + t, day + t + precise - 1


def _explain(value: str, iso: bool) -> tuple[str, str]:
    v = value.strip()
    example = "YYYY-MM-DD, YYYY-MM or YYYY, e.g. 1962-11-04"
    if v != value:
        return f'"{value}" has spaces around the date', f'remove them: "{v}"'
    m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", v)
    if m:
        d, mo, y = m.groups()
        return f'"{value}" is not an ISO 8601 date', f'write year-month-day: "{y}-{int(mo):02d}-{int(d):02d}" (if {d} is the day)'
    m = re.fullmatch(r"(-?\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?", v)
    if m:
        y, mo, d = m.groups()
        fixed = f"{y}-{int(mo):02d}" + (f"-{int(d):02d}" if d else "")
        return f'"{value}" is not an ISO 8601 date', f'write month and day with two digits, separated by hyphens: "{fixed}"'
    m = re.fullmatch(r"(\d{1,3})", v)
    if m:
        return f'"{value}" is not an ISO 8601 year', f'years have at least four digits: "{int(v):04d}"'
    if iso:
        return f'"{value}" is not an ISO 8601 date, time, interval or duration', f"write {example}"
    return f'"{value}" is not a date of the form XML Schema allows', f"write {example}; for other ISO 8601 forms use the -iso attributes"


def dated_elements(doc):
    """(element, attribute) for every date attribute of the document, in document order."""
    out = []
    for a in _DATE_ATTRIBUTES(doc.root):
        el, attr = a.getparent(), a.attrname
        if attr in ("from", "to") and el.tag in _FROM_TO_NOT_DATES:
            continue
        out.append((el, attr))
    return out


def _dated(doc, ctx) -> list:
    """(element, attribute, value, bounds, error) of every date attribute; worked out once per
    document for all the date rules."""
    store = ctx.store("editio.dates", dict)
    if store.get("path") != doc.path:
        items = []
        for el, attr in dated_elements(doc):
            value = el.get(attr)
            try:
                items.append((el, attr, value, parse(value, iso=attr.endswith("-iso")), None))
            except DateError as e:
                items.append((el, attr, value, None, e))
        store["path"], store["items"] = doc.path, items
    return store["items"]


def _by_element(doc, ctx) -> dict:
    out: dict = {}
    for el, attr, value, bounds, _ in _dated(doc, ctx):
        out.setdefault(el, {})[attr] = (value, bounds)
    return out


def value_bounds(el, attr):
    """The interval of a date attribute, or None when absent, invalid or not a point in time."""
    value = el.get(attr)
    if value is None or (attr in ("from", "to") and el.tag in _FROM_TO_NOT_DATES):
        return None
    try:
        return parse(value, iso=attr.endswith("-iso"))
    except DateError:
        return None


@rule(
    id="ED301", title="Date is not valid ISO 8601", severity="error",
    doc="@when, @notBefore, @notAfter, @from and @to hold dates as XML Schema writes them: YYYY-MM-DD "
        "(xsd:date), YYYY-MM, YYYY, --MM-DD, a dateTime 1962-11-04T10:30:00, with a minus sign for years "
        "BCE and an optional time zone. The -iso variants also take the other forms of ISO 8601 (week and "
        "ordinal dates, basic format, intervals, durations). The date must exist in the calendar: "
        "1962-02-30 and month 13 are refused. Tools that index or sort letters read these attributes, not "
        "the text.",
    bad='<date when="1962-02-30">30 February 1962</date>  <date when="4.11.1962">4 November 1962</date>',
    good='<date when="1962-02-28">28 February 1962</date>  <date when="1962-11-04">4 November 1962</date>',
)
def invalid_dates(doc, ctx):
    for el, attr, value, _, error in _dated(doc, ctx):
        if error:
            yield at(doc, el, f'{attr}="{value}": {error.message}', error.hint, attr=attr)


def _first(attrs: dict, *names):
    for a in names:
        if a in attrs:
            return a
    return None


@rule(
    id="ED302", title="Date range ends before it starts", severity="error",
    doc="@notBefore must not be later than @notAfter, and @from not later than @to (the -iso variants "
        "alike). Values of different precision are compared as the periods they cover: notBefore=\"1962-11\" "
        "notAfter=\"1962\" is in order.",
    bad='<date notBefore="1962-11-05" notAfter="1962-11-04"/>',
    good='<date notBefore="1962-11-04" notAfter="1962-11-05"/>',
)
def reversed_ranges(doc, ctx):
    for el, attrs in _by_element(doc, ctx).items():
        for start, end in (("notBefore", "notAfter"), ("from", "to")):
            a = _first(attrs, start, f"{start}-iso")
            b = _first(attrs, end, f"{end}-iso")
            if not a or not b:
                continue
            lo, hi = attrs[a][1], attrs[b][1]
            if lo and hi and lo[0] > hi[1]:
                yield at(doc, el, f'{a}="{attrs[a][0]}" is later than {b}="{attrs[b][0]}"',
                         f"swap the two values, or correct the one that is wrong: {a} is the earliest date, {b} the latest", attr=a)


@rule(
    id="ED303", title="notBefore without notAfter (or the reverse)", severity="warning",
    doc="An uncertain date is a range: @notBefore gives the earliest possible date and @notAfter the "
        "latest. With only one of them the range is open, and a correspondence index can neither place "
        "nor sort the letter reliably. Give both (a generous bound is better than none), or @when if the "
        "date is known.",
    bad='<date notBefore="1962-11-01">early November 1962</date>',
    good='<date notBefore="1962-11-01" notAfter="1962-11-10">early November 1962</date>',
)
def open_ranges(doc, ctx):
    for el, attrs in _by_element(doc, ctx).items():
        a = _first(attrs, "notBefore", "notBefore-iso")
        b = _first(attrs, "notAfter", "notAfter-iso")
        if a and not b:
            yield at(doc, el, f'{a}="{el.get(a)}" has no notAfter: the date range is open',
                     'add notAfter with the latest possible date (e.g. notAfter="...") or, if the date is known, write when', attr=a)
        elif b and not a:
            yield at(doc, el, f'{b}="{el.get(b)}" has no notBefore: the date range is open',
                     "add notBefore with the earliest possible date or, if the date is known, write when", attr=b)


def _action_dates(action, starts: bool):
    """(date element, attribute, bounds) of a correspAction: the earliest point of sending or the latest of receipt."""
    attrs = ("when", "when-iso", "notBefore", "notBefore-iso", "from", "from-iso") if starts else \
            ("when", "when-iso", "notAfter", "notAfter-iso", "to", "to-iso")
    for el in action.iter(f"{{{TEI_NS}}}date"):
        for a in attrs:
            b = value_bounds(el, a)
            if b:
                yield el, a, b


@rule(
    id="ED304", title="Letter received before it was sent", severity="error",
    doc="In a correspDesc, the date of the correspAction type=\"received\" must not lie before the date of "
        "the correspAction type=\"sent\": usually a typing error in one of the dates, or the two actions "
        "swapped. Ranges are compared generously (the latest possible receipt against the earliest possible "
        "sending).",
    bad='<correspAction type="received">  <!-- sent on 1962-11-04 -->\n  <persName>John F. Kennedy</persName>\n'
        '  <placeName>Washington</placeName>\n  <date when="1962-11-03"/>\n</correspAction>',
    good='<correspAction type="received">  <!-- sent on 1962-11-04 -->\n  <persName>John F. Kennedy</persName>\n'
         '  <placeName>Washington</placeName>\n  <date when="1962-11-05"/>\n</correspAction>',
)
def received_before_sent(doc, ctx):
    for corresp in doc.root.iter(f"{{{TEI_NS}}}correspDesc"):
        sent = [x for a in corresp.findall("tei:correspAction[@type='sent']", NS) for x in _action_dates(a, True)]
        if not sent:
            continue
        el0, a0, earliest = min(sent, key=lambda x: x[2][0])
        for action in corresp.findall("tei:correspAction[@type='received']", NS):
            for el, a, b in _action_dates(action, False):
                if b[1] < earliest[0]:
                    yield at(doc, el, f'the letter is received ({a}="{el.get(a)}") before it is sent ({a0}="{el0.get(a0)}", line {el0.sourceline})',
                             "check both dates against the source; the received date cannot be earlier than the sent date", attr=a)


@rule(
    id="ED305", title="Date lies in the future", severity="warning",
    doc="A date attribute names a day after today: usually a typing error in the year (2962 for 1962). "
        "The date of a planned revision belongs in the text, not in @when.",
    bad='<date when="2962-11-04">4 November 1962</date>',
    good='<date when="1962-11-04">4 November 1962</date>',
)
def future_dates(doc, ctx):
    now = int(datetime.now(timezone.utc).timestamp())
    today = _date.today().isoformat()
    for el, attr, value, b, _ in _dated(doc, ctx):
        if b and b[0] > now:
            yield at(doc, el, f'{attr}="{value}" is in the future (today is {today})',
                     "check the year; dates in attributes record when something happened", attr=attr)

