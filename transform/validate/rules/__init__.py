"""Validation rules as data: each rule is a record with a stable id, its documentation and
its check. `editio rules` and docs/rules.md are generated from this registry.

Never reuse or renumber an id; a retired rule stays here with status "removed".

A rule has one or both of:
- check(doc, ctx): runs on each TEI document as it is read; yields Findings.
- finish(ctx): runs once after every document was read; yields Findings for what needs
  the whole corpus (references into other files, unused register entries). Documents are
  not kept: a rule that needs something in finish records it in ctx.store(rule_id) during check.
"""

from dataclasses import dataclass
from typing import Callable, Iterable, Optional


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    col: int
    message: str
    hint: str = ""


def at(doc, el, message: str, hint: str = "", attr: Optional[str] = None) -> Finding:
    """A finding placed at an element (or one of its attributes) of a document."""
    line, col = doc.position(el, attr)
    return Finding(doc.name, line, col, message, hint)


@dataclass(frozen=True)
class Rule:
    id: str  # "ED204": never reused
    title: str  # one line
    severity: str  # default: "error" | "warning" | "info"
    doc: str  # what it checks and why, a paragraph
    bad: str  # a TEI snippet that triggers it
    good: str  # the same snippet fixed
    check: Optional[Callable[..., Iterable[Finding]]] = None
    finish: Optional[Callable[..., Iterable[Finding]]] = None
    status: str = "stable"  # "stable" | "removed"


REGISTRY: dict[str, Rule] = {}

# The editorial-policy profile: what an edition started with `editio init` promises (a
# sender, an addressee, a date and place of sending, a licence, tagged names, authority
# ids ...), which a corpus encoded by others may never have adopted. editio.toml's
# `policy = "info"` (what `init --from` writes) sets them all to that severity; `rules`
# still sets any one of them.
POLICY_RULES = frozenset({"ED401", "ED402", "ED403", "ED404", "ED405", "ED601", "ED602", "ED701", "ED702",
                          "ED703", "ED704", "ED705"})


def rule(**fields) -> Callable:
    """Register a rule whose `check` is the decorated function."""

    def decorate(fn):
        register(Rule(check=fn, **fields))
        return fn

    return decorate


def register(r: Rule) -> Rule:
    if r.id in REGISTRY:
        raise ValueError(f"rule id {r.id} registered twice")
    REGISTRY[r.id] = r
    return r


def all_rules() -> list[Rule]:
    _load()
    return sorted(REGISTRY.values(), key=lambda r: r.id)


def _load() -> None:
    # Importing the rule modules fills REGISTRY; listed here so the order is explicit.
    from . import layers  # noqa: F401  (ids of the parse, schema and Schematron layers)
    from . import ids, references, conventions, dates, correspondence, notes, registers, coverage, header, placeholders  # noqa: F401
