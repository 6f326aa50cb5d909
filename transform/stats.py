"""`editio stats`: what the edition holds and how far its encoding has come.

One pass through the validator (every file is read once, as in `editio build`); the numbers
are taken from the documents as they go by. Untagged names are found by the tagging-coverage
rule ED701 itself (editio.validate.rules.coverage), run here whatever its configured
severity, so `stats` and `validate` count the same mentions.
"""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .tei import NS

_NAMES = "//tei:text//tei:persName[@ref or @key]|//tei:text//tei:placeName[@ref or @key]|//tei:text//tei:orgName[@ref or @key]"
_SENT = "//tei:correspDesc/tei:correspAction[@type='sent']/tei:date"
_REGISTER_KINDS = {"person": "persons", "place": "places", "org": "organisations"}


@dataclass
class Stats:
    files: int = 0
    letters: int = 0
    first_date: str | None = None
    last_date: str | None = None
    undated: int = 0  # letters without a machine-readable date of sending
    persons: int = 0
    places: int = 0
    organisations: int = 0
    tagged: int = 0  # name elements with @ref or @key in the <text> of letters
    untagged: int | None = None  # register names found untagged there (None: not counted)
    notes: int = 0  # notes in the <text> of letters
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    problems_by_rule: dict[str, int] = field(default_factory=dict)

    @property
    def coverage(self) -> float | None:
        if self.untagged is None or not (self.tagged + self.untagged):
            return None
        return self.tagged / (self.tagged + self.untagged)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["coverage"] = None if self.coverage is None else round(self.coverage, 4)
        return data


def _coverage_rule():
    try:
        from .validate.rules.coverage import untagged_names
    except ImportError:
        return None
    return untagged_names


def collect(config, paths: list[Path]) -> Stats:
    from .validate.context import Context
    from .validate.runner import Validator

    validator = Validator(config)
    coverage, coverage_ctx = _coverage_rule(), Context(config)
    stats = Stats(untagged=0 if coverage else None)
    dates = []
    for path in validator.start(paths):
        doc = validator.check_file(path)
        if doc is None:
            continue
        if coverage:
            stats.untagged += sum(1 for _ in coverage(doc, coverage_ctx) or ())
        if doc.is_register:
            for kind, attr in _REGISTER_KINDS.items():
                setattr(stats, attr, getattr(stats, attr) + len(doc.root.xpath(f"//tei:{kind}[@xml:id]", namespaces=NS)))
        if not doc.is_letter:
            continue
        stats.letters += 1
        stats.tagged += len(doc.root.xpath(_NAMES, namespaces=NS))
        stats.notes += len(doc.root.xpath("//tei:text//tei:note", namespaces=NS))
        when = [v for d in doc.root.xpath(_SENT, namespaces=NS)
                for v in (d.get("when"), d.get("notBefore"), d.get("from"), d.get("notAfter"), d.get("to")) if v]
        if when:
            dates.extend(when)
        else:
            stats.undated += 1
    report = validator.finish()
    stats.files = len(report.files)
    stats.errors, stats.warnings, stats.infos = report.count("error"), report.count("warning"), report.count("info")
    for d in report.diagnostics:
        stats.problems_by_rule[d.rule] = stats.problems_by_rule.get(d.rule, 0) + 1
    stats.problems_by_rule = dict(sorted(stats.problems_by_rule.items()))
    if dates:
        stats.first_date, stats.last_date = min(dates), max(dates)
    return stats


def render(stats: Stats, fmt: str = "text", colour: bool = False) -> str:
    if fmt == "json":
        return json.dumps(stats.as_dict(), indent=2, ensure_ascii=False) + "\n"
    import click

    def style(s, **kw):
        return click.style(s, **kw) if colour else s

    def plural(n, word, words=None):
        return f"{n} {word if n == 1 else (words or word + 's')}"

    span = ""
    if stats.first_date:
        span = stats.first_date if stats.first_date == stats.last_date else f"{stats.first_date} to {stats.last_date}"
    undated = f"; {stats.undated} undated" if stats.undated else ""
    if stats.coverage is None:
        cov = "not counted" if stats.untagged is None else "no register names in the letters"
    else:
        cov = f"{stats.coverage:.0%} ({stats.tagged} tagged, {stats.untagged} untagged)"
    status = f"{plural(stats.errors, 'error')}, {plural(stats.warnings, 'warning')}"
    if stats.infos:
        status += f", {plural(stats.infos, 'note')}"
    status += f" in {plural(stats.files, 'file')}"
    fg = "red" if stats.errors else ("yellow" if stats.warnings else "green")
    rows = [
        ("letters", f"{stats.letters}" + (f"  ({span}{undated})" if span or undated else "")),
        ("persons", str(stats.persons)),
        ("places", str(stats.places)),
        ("organisations", str(stats.organisations)),
        ("tagged names", str(stats.tagged)),
        ("untagged names", "-" if stats.untagged is None else str(stats.untagged)),
        ("tagging coverage", cov),
        ("notes", str(stats.notes)),
        ("validation", style(status, fg=fg)),
    ]
    if stats.problems_by_rule:
        rows.append(("by rule", ", ".join(f"{rule} {n}" for rule, n in stats.problems_by_rule.items())))
    width = max(len(k) for k, _ in rows)
    return "".join(f"{style(k.ljust(width), bold=True)}  {v}\n" for k, v in rows)
