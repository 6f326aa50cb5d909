"""Project configuration: `editio.toml`, or `[tool.editio]` in `pyproject.toml`.

Every key has a default, so a project needs no configuration. Unknown keys are errors
that name the closest valid key.
"""

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import SEVERITIES


class ConfigError(Exception):
    """A configuration problem; the message says where and what to do."""


@dataclass
class Config:
    root: Path  # the project folder: where the configuration is, or the working directory
    source: str | None = None  # the file the settings came from, for messages
    sources: list[str] = field(default_factory=lambda: ["tei"])
    output: str = "output"
    schema: str | None = None  # RelaxNG (.rng) or XML Schema (.xsd) for every file; default: per file's xml-model, else the edition schema
    schematron: list[str] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)  # rule id -> severity
    max_file_size: int = 100 * 1024 * 1024
    title: str | None = None  # the edition's name, in the HTML, CMIF and JSON-LD
    publisher: str | None = None
    base_url: str | None = None  # where output/ is published, e.g. "https://example.org/edition/"
    licence: str | None = None  # URL of the licence of the edition's data (CMIF, JSON-LD, home page)
    editors: list[str] = field(default_factory=list)  # the editors' names, on the home page
    description: str | None = None  # a few sentences on the edition, on the home page
    text_width: int = 72  # wrap width of the text edition; 0: one line per paragraph
    key_matches: str | None = None  # which attribute of register entries a @key names: "n" or "xml:id"; unset: @key is not followed
    letter_ids: str | None = None  # "number": a pointer B0162 names the letter whose xml:id has that number (K_0162)
    policy: str | None = None  # severity of the editorial-policy rules (POLICY_RULES); unset: each rule's own

    def severity(self, rule_id: str, default: str) -> str:
        if rule_id in self.rules:
            return self.rules[rule_id]
        if self.policy:
            from .validate.rules import POLICY_RULES

            if rule_id in POLICY_RULES:
                return self.policy
        return default

    def path(self, value: str) -> Path:
        p = Path(value)
        return p if p.is_absolute() else self.root / p


KEYS = {"sources": list, "output": str, "schema": str, "schematron": list, "rules": dict, "max_file_size": int,
        "title": str, "publisher": str, "base_url": str, "licence": str, "text_width": int, "editors": list,
        "description": str, "key_matches": str, "letter_ids": str, "policy": str}


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above `start` with an editio.toml or a pyproject.toml naming editio."""
    start = start.absolute()
    for folder in (start, *start.parents):
        if (folder / "editio.toml").is_file():
            return folder
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.editio" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return folder
    return start


def load(config_file: Path | None = None, start: Path | None = None) -> Config:
    if config_file is not None:
        root = config_file.absolute().parent
        table = _read_table(config_file)
    else:
        root = find_project_root(start or Path.cwd())
        table, config_file = {}, None
        if (root / "editio.toml").is_file():
            config_file = root / "editio.toml"
            table = _read_table(config_file)
        elif (root / "pyproject.toml").is_file():
            config_file = root / "pyproject.toml"
            table = _read_table(config_file)
    return _from_table(table, root, str(config_file) if config_file else None)


def _read_table(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the configuration: {e.strerror}")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML: {e}")
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("editio", {})
    return data


def _from_table(table: dict, root: Path, source: str | None) -> Config:
    where = source or "configuration"
    cfg = Config(root=root, source=source)
    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            tip = f"; did you mean '{close[0]}'?" if close else f"; valid keys: {', '.join(KEYS)}"
            raise ConfigError(f"{where}: unknown key '{key}'{tip}")
        if not isinstance(value, KEYS[key]):
            raise ConfigError(f"{where}: '{key}' must be a {KEYS[key].__name__}, not {type(value).__name__}")
        setattr(cfg, key, value)
    if cfg.key_matches is not None and cfg.key_matches not in ("n", "xml:id"):
        raise ConfigError(f"{where}: key_matches = '{cfg.key_matches}': must be \"n\" or \"xml:id\" (the register entries' attribute a @key names)")
    if cfg.letter_ids is not None and cfg.letter_ids != "number":
        raise ConfigError(f"{where}: letter_ids = '{cfg.letter_ids}': the one choice is \"number\" (B0162 names the letter K_0162)")
    if cfg.policy is not None and cfg.policy not in SEVERITIES:
        raise ConfigError(f"{where}: policy = '{cfg.policy}': severity must be one of {', '.join(SEVERITIES)}")
    for rule_id, severity in cfg.rules.items():
        if severity not in SEVERITIES:
            raise ConfigError(f"{where}: rules.{rule_id} = '{severity}': severity must be one of {', '.join(SEVERITIES)}")
    if isinstance(cfg.schematron, str):
        cfg.schematron = [cfg.schematron]
    return cfg


def check_rule_ids(cfg: Config, known: list[str]) -> None:
    for rule_id in cfg.rules:
        if rule_id not in known:
            close = difflib.get_close_matches(rule_id, known, n=1)
            tip = f"; did you mean '{close[0]}'?" if close else "; `editio rules` lists them"
            raise ConfigError(f"{cfg.source or 'configuration'}: rules.{rule_id}: no rule has this id{tip}")
