"""Reporters: they format Diagnostics, never decide anything.

Formats: text (people), json, junit (GitLab, Jenkins), github (workflow commands that
annotate pull requests), sarif (SARIF 2.1.0, code scanning).
"""

import json
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .. import __version__

FORMATS = ("text", "json", "junit", "github", "sarif")
_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(report, fmt: str, colour: bool = False) -> str:
    return {"text": text, "json": as_json, "junit": junit, "github": github, "sarif": sarif}[fmt](report, colour)


def summary(report) -> str:
    errors, warnings, infos = report.count("error"), report.count("warning"), report.count("info")
    files = len(report.files)
    with_problems = len({d.file for d in report.diagnostics})
    if not report.diagnostics:
        return f"{files} file{'s' if files != 1 else ''} checked: no problems"
    parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
    if infos:
        parts.append(f"{infos} note{'s' if infos != 1 else ''}")
    return f"{', '.join(parts)} in {with_problems} of {files} file{'s' if files != 1 else ''}"


def by_rule(report, limit: int = 12) -> list[str]:
    """The findings counted per rule, largest first, each with its rule's title and one
    example (message and location), so that thousands of findings read as a few things to
    fix. Ties go by severity, then rule id."""
    groups: dict[str, list] = {}
    for d in report.diagnostics:
        groups.setdefault(d.rule, []).append(d)
    if not groups:
        return []
    titles = {r.id: r.title for r in report.rules}
    if len(titles) < len(groups):
        from .rules import all_rules

        titles = {r.id: r.title for r in all_rules()}
    rank = {"error": 0, "warning": 1, "info": 2}
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), rank.get(kv[1][0].severity, 3), kv[0]))
    width = len(f"{len(ordered[0][1]):,}")
    lines = ["Findings by rule, largest first:"]
    for rule_id, found in ordered[:limit]:
        first = found[0]
        lines.append(f"  {len(found):>{width},} {first.severity:<7} {rule_id} {titles.get(rule_id, '')}")
        lines.append(f"  {'':>{width}} e.g. {first.file}:{first.line}: {first.message}")
    if len(ordered) > limit:
        rest = sum(len(found) for _, found in ordered[limit:])
        lines.append(f"  {rest:>{width},} in {len(ordered) - limit} other rules")
    return lines


def _style(colour: bool):
    import click

    return (lambda s, **kw: click.style(s, **kw)) if colour else (lambda s, **kw: s)


def findings(report, colour: bool = False) -> list[str]:
    """Each finding as file:line:col: severity rule message, its hint below; a blank line after each file."""
    style = _style(colour)
    lines = []
    for _, group in groupby(report.diagnostics, key=lambda d: d.file):
        for d in group:
            where = f"{d.file}:{d.line}:{d.col}:"
            sev = style(d.severity, fg=_COLOURS.get(d.severity), bold=True)
            lines.append(f"{style(where, bold=True)} {sev} {d.rule} {d.message}")
            if d.hint:
                lines.append(f"    {style('→', fg='green')} {d.hint}")
        lines.append("")
    return lines


def text(report, colour: bool = False) -> str:
    """The findings, then (when there are several) the findings by rule, then the summary."""
    lines = findings(report, colour)
    if len(report.diagnostics) > 1:
        lines.extend(by_rule(report))
        lines.append("")
    lines.append(_style(colour)(summary(report), bold=True))
    return "\n".join(lines) + "\n"


def as_json(report, colour: bool = False) -> str:
    data = {
        "tool": "editio",
        "version": __version__,
        "files": report.files,
        "summary": {s: report.count(s) for s in ("error", "warning", "info")},
        "diagnostics": [
            {"file": d.file, "line": d.line, "column": d.col, "severity": d.severity, "rule": d.rule, "message": d.message, "hint": d.hint}
            for d in report.diagnostics
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def junit(report, colour: bool = False) -> str:
    """One testcase per file and rule; a failing one carries every finding of that rule."""
    by_key = {}
    for d in report.diagnostics:
        by_key.setdefault((d.file, d.rule), []).append(d)
    files = list(dict.fromkeys(report.files + [d.file for d in report.diagnostics]))
    rule_ids = sorted({r.id for r in report.rules} | {d.rule for d in report.diagnostics})
    suites, total_tests, total_failures = [], 0, 0
    for file in files:
        cases, failures = [], 0
        for rule_id in rule_ids:
            found = [d for d in by_key.get((file, rule_id), []) if d.severity == "error"]
            others = [d for d in by_key.get((file, rule_id), []) if d.severity != "error"]
            attrs = f"classname={quoteattr(file)} name={quoteattr(rule_id)} file={quoteattr(file)} time=\"0\""
            if found:
                failures += 1
                body = "\n".join(_line(d) for d in found + others)
                first = found[0]
                cases.append(f"    <testcase {attrs}>\n      <failure message={quoteattr(f'{first.line}:{first.col} {first.message}')} type={quoteattr(rule_id)}>{escape(body)}</failure>\n    </testcase>")
            elif others:
                cases.append(f"    <testcase {attrs}>\n      <system-out>{escape(chr(10).join(_line(d) for d in others))}</system-out>\n    </testcase>")
            else:
                cases.append(f"    <testcase {attrs}/>")
        total_tests += len(cases)
        total_failures += failures
        suites.append(f"  <testsuite name={quoteattr(file)} tests=\"{len(cases)}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">\n" + "\n".join(cases) + "\n  </testsuite>")
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="editio validate" tests="{total_tests}" failures="{total_failures}" errors="0" time="0">'
    return head + "\n" + "\n".join(suites) + ("\n" if suites else "") + "</testsuites>\n"


def _line(d) -> str:
    return f"{d.file}:{d.line}:{d.col}: {d.severity} {d.rule} {d.message}" + (f" ({d.hint})" if d.hint else "")


def github(report, colour: bool = False) -> str:
    """GitHub Actions workflow commands: ::error file=…,line=…,col=…,title=…::message"""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for d in report.diagnostics:
        props = [f"file={_gh_prop(d.file)}"]
        if d.line:
            props.append(f"line={d.line}")
        if d.col:
            props.append(f"col={d.col}")
        props.append(f"title={_gh_prop(d.rule)}")
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(f"::{level[d.severity]} {','.join(props)}::{_gh_data(message)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def sarif(report, colour: bool = False) -> str:
    from .rules import all_rules

    level = {"error": "error", "warning": "warning", "info": "note"}
    known = {r.id: r for r in all_rules()}
    used = sorted({r.id for r in report.rules} | {d.rule for d in report.diagnostics})
    rules = []
    for rule_id in used:
        r = known.get(rule_id)
        entry = {"id": rule_id}
        if r:
            entry.update({
                "name": "".join(w.capitalize() for w in r.title.replace("-", " ").split() if w.isalnum()) or rule_id,
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.doc},
                "help": {"text": f"{r.doc}\n\nExample:\n{r.bad}\n\nFixed:\n{r.good}"},
                "defaultConfiguration": {"level": level.get(r.severity, "warning")},
            })
        rules.append(entry)
    index = {rule_id: i for i, rule_id in enumerate(used)}
    results = []
    for d in report.diagnostics:
        region = {}
        if d.line:
            region["startLine"] = d.line
            if d.col:
                region["startColumn"] = d.col
        location = {"artifactLocation": {"uri": Path(d.file).as_posix(), **({} if Path(d.file).is_absolute() else {"uriBaseId": "%SRCROOT%"})}}
        if region:
            location["region"] = region
        results.append({
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": level[d.severity],
            "message": {"text": d.message + (f" — {d.hint}" if d.hint else "")},
            "locations": [{"physicalLocation": location}],
        })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "editio", "version": __version__, "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
