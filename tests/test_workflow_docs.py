"""The documentation cannot drift: the tutorial is run, the reference names every command,
option, configuration key and exit code, and the encoding guide quotes the real letter."""

import re
import shlex

import click

from conftest import REPO
from editio import cli as cli_module, cli_policy
from editio.config import KEYS

DOCS = REPO / "docs"
LETTER = REPO / "tei/letters/frus1961-63v06-d73.xml"
# Commands of the tutorial that are shown but not run here, and why.
NOT_RUN = {
    "python3 -m venv .venv": "tests/test_install.py runs the install with Debian's Python",
    ".venv/bin/pip install ./editio": "tests/test_install.py runs the install with Debian's Python",
    ". .venv/bin/activate": "tests/test_install.py runs the install with Debian's Python",
    "editio serve": "it serves until Ctrl-C; tests/test_workflow_serve.py runs the server",
    "git init": "publishing is the reader's own repository",
    "git add .": "publishing is the reader's own repository",
}


def blocks(text: str) -> list[tuple[str, str]]:
    """The fenced code blocks of a Markdown text: (language, content)."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```$", text, re.M | re.S)]


def squash(xml: str) -> str:
    return " ".join(xml.split())


def canonical_tags(text: str) -> str:
    """Start tags with their attributes in the order of editio fmt, so that a quote and its
    source compare equal before and after the source is formatted."""
    def order(m):
        attrs = re.findall(r'([\w:.-]+)="([^"]*)"', m.group(2))
        attrs.sort(key=lambda kv: (0 if kv[0] == "xml:id" else 1 if kv[0].startswith("xml:") else 3 if ":" in kv[0] else 2, kv[0]))
        return f"<{m.group(1)}" + "".join(f' {k}="{v}"' for k, v in attrs) + m.group(3)

    return re.sub(r"<([\w:]+)((?:\s+[\w:.-]+=\"[^\"]*\")*)\s*(/?>)", order, squash(text))


def matches(expected: str, line: str) -> bool:
    pattern = ".*".join(re.escape(part) for part in expected.split("[...]"))
    return re.fullmatch(pattern, line.rstrip()) is not None


def assert_output(expected: str, output: str, commands: list[str]):
    lines = output.splitlines()
    at = 0
    for want in expected.splitlines():
        if want.strip() == "[...]":
            continue
        while at < len(lines) and not matches(want, lines[at]):
            at += 1
        assert at < len(lines), f"{commands}: the tutorial shows {want!r}, the output was:\n{output}"
        at += 1


def letter_text(cwd) -> str | None:
    letter = cwd / "tei/letters/d73.xml"
    return letter.read_text() if letter.is_file() else None


def test_tutorial_runs_as_written(run_editio, tmp_path):
    text = (DOCS / "tutorial.md").read_text()
    cwd = tmp_path
    seen_not_run = set()
    placeholders, edits = [], []
    output, commands = "", []
    for lang, content in blocks(text):
        if lang == "sh":
            output, commands = "", []
            for line in content.splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                if line in NOT_RUN or line.startswith("git commit "):
                    seen_not_run.add(line if line in NOT_RUN else "git commit")
                    continue
                words = shlex.split(line)
                if words[0] == "cd":
                    cwd = cwd / words[1]
                    continue
                assert words[0] == "editio", f"the tutorial runs only editio: {line}"
                r = run_editio(*words[1:], cwd=cwd)
                assert r.exit_code == 0, f"{line}\n{r.output}"
                output += r.output
                commands.append(line)
        elif lang == "text":
            assert commands, "an output block follows the commands it shows"
            assert_output(content, output, commands)
        elif lang == "xml" and letter_text(cwd) is not None and content.strip() in letter_text(cwd):
            placeholders.append(content.rstrip("\n"))  # what the reader is told to replace: it is in the letter
        elif lang == "xml" and len(placeholders) > len(edits):  # the reader's edit of the placeholder shown before
            edits.append(content.rstrip("\n"))
            letter = cwd / "tei/letters/d73.xml"
            letter.write_text(letter.read_text().replace(placeholders[-1], edits[-1]))
        elif lang == "xml":
            registers = " ".join(squash(p.read_text()) for p in (cwd / "tei/registers").glob("*.xml"))
            assert squash(content) in registers, f"the register entry shown is the one editio wrote:\n{content}"
    assert seen_not_run == set(NOT_RUN) | {"git commit"}
    assert len(placeholders) == len(edits) == 2, "the source and the body are replaced"
    assert (cwd / "output/html/index.html").is_file() and (cwd / "output/html/d73.html").is_file()


def _commands(group: click.Group, prefix: str = ""):
    for name, command in sorted(group.commands.items()):
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


def test_reference_names_every_command_option_key_and_exit_code():
    text = (DOCS / "reference.md").read_text()
    missing = []
    for name, command in _commands(cli_module.cli):
        if f"editio {name}" not in text:
            missing.append(f"command editio {name}")
        for param in command.params:
            for opt in param.opts + param.secondary_opts:
                if opt.startswith("--") and opt not in text:
                    missing.append(f"{name} {opt}")
    missing += [f"option {o}" for o in ("--config", "--version", "--help") if o not in text]
    missing += [f"configuration key {k}" for k in KEYS if f"`{k}`" not in text]
    assert not missing, f"docs/reference.md does not mention: {', '.join(missing)}"
    codes = re.findall(r"^  (\d+)\s", cli_policy.__doc__, re.M)
    assert codes == ["0", "1", "2", "3", "130"]
    for code in codes:
        assert re.search(rf"^\| `?{code}`? \|", text, re.M), f"exit code {code} is not in the table of docs/reference.md"


def test_help_of_every_command_has_an_example(run_editio):
    for name, command in _commands(cli_module.cli):
        r = run_editio(*name.split(), "--help")
        assert r.exit_code == 0 and "Examples:" in r.output and f"editio {name.split()[0]}" in r.output, name


def test_encoding_guide_quotes_the_letter_and_the_registers():
    text = (DOCS / "encoding.md").read_text()
    sources = " ".join(canonical_tags(p.read_text()) for p in [LETTER, *(REPO / "tei/registers").glob("*.xml")])
    quoted = [content for lang, content in blocks(text) if lang == "xml"]
    assert len(quoted) >= 10
    for content in quoted:
        assert canonical_tags(content) in sources, f"docs/encoding.md quotes what is not in the edition:\n{content}"
    for element in ("correspDesc", "persName", "placeName", "orgName", "date", "note", "choice", "pb", "bibl", "msDesc"):
        assert f"`{element}`" in text, element
