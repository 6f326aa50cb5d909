"""`editio init`: a new project, ready to validate and build, written all or nothing."""

import json
import re
from pathlib import Path
from xml.sax.saxutils import escape

from ..xmlio import parse_bytes
from .ci_requirement import editio_requirement, installed_direct_url
from .layout import KINDS, SCHEMA, XML_MODEL, Kind, ScaffoldError, template, write

# target in the new project -> template under templates/ (None: written by init itself)
PROJECT_FILES = {
    "editio.toml": "project/editio.toml",
    ".gitignore": "project/gitignore",
    ".pre-commit-config.yaml": "project/pre-commit-config.yaml",
    ".github/workflows/editio.yml": "project/github-workflow.yml",
    "tei/letters/.gitkeep": None,
    "tei/registers/persons.xml": "register.xml",
    "tei/registers/places.xml": "register.xml",
    "tei/registers/organisations.xml": "register.xml",
}


def init(target: Path, title: str | None = None, base_url: str | None = None) -> list[Path]:
    """Write a new project into `target` (created if needed); returns the files written."""
    from ..resources import edition_schema

    title = title or target.absolute().name or "edition"
    if base_url is not None and not re.match(r"^https?://[^\s/]+(/\S*)?$", base_url):
        raise ScaffoldError(f"--base-url '{base_url}' is not an http(s) URL, e.g. https://example.org/edition/")
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    schema = edition_schema()
    files: dict[str, bytes] = {}
    for rel, source in PROJECT_FILES.items():
        if source is None:
            files[rel] = b""
        elif source == "register.xml":
            kind = next(k for k in KINDS.values() if k.file == Path(rel).name)
            files[rel] = _register(kind, title, schema.is_file()).encode("utf-8")
        elif rel == "editio.toml":
            url = f"base_url = {json.dumps(base_url)}" if base_url else '# base_url = "https://example.org/edition/"'
            files[rel] = template(source, title=json.dumps(title, ensure_ascii=False), base_url=url).encode("utf-8")
        elif rel.endswith("editio.yml"):
            requirement, origin = editio_requirement(installed_direct_url())
            comment = "\n".join(f"  # {line}" for line in origin.splitlines())
            files[rel] = template(source, editio_requirement=requirement, editio_origin=comment).encode("utf-8")
        else:
            files[rel] = template(source).encode("utf-8")
    if schema.is_file():
        files[str(SCHEMA)] = schema.read_bytes()
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} is a file; give a folder for the new edition")
    existing = sorted(rel for rel in files if (target / rel).exists() or (target / rel).is_symlink())
    if existing:
        raise ScaffoldError(f"{target}: these files exist already and are not overwritten: {', '.join(existing)}; "
                            "nothing was written. Choose an empty folder, or move them away first")
    for rel, data in files.items():
        if rel.endswith(".xml"):
            parse_bytes(data)  # a broken template must never reach a project
    written = []
    try:
        for rel, data in files.items():
            write(target / rel, data)
            written.append(target / rel)
    except ScaffoldError:
        for p in written:  # all or nothing
            p.unlink(missing_ok=True)
        raise
    return written


def _register(kind: Kind, title: str, with_schema: bool) -> str:
    return template("register.xml", xml_model=XML_MODEL.format(href="../schema/editio.rng") if with_schema else "",
                     edition=escape(title), plural=kind.plural, singular=kind.singular, file=Path(kind.file).stem,
                     prefix=kind.prefix, command=kind.key, list=kind.list, entry=kind.entry)
