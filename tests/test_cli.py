"""The command as a user runs it: exit codes, usage errors, report formats parsed back."""

import json

import pytest
from lxml import etree

from conftest import FIXTURES, REPO, TEI_ALL
from editio.diagnostics import display_path

READING = FIXTURES / "reading"
GOOD = READING / "utf8-bom.xml"
BROKEN = READING / "not-well-formed.xml"


def test_version_and_help(run_editio):
    r = run_editio("--version")
    assert r.exit_code == 0 and r.output.startswith("editio, version ")
    r = run_editio("validate", "--help")
    assert r.exit_code == 0 and "Examples:" in r.output and "--format" in r.output


@pytest.mark.slow
def test_exit_codes(run_editio, tmp_path):
    assert run_editio("validate", GOOD, "--schema", "tei_all").exit_code == 0
    assert run_editio("validate", BROKEN, "--schema", "tei_all").exit_code == 1
    r = run_editio("validate", tmp_path / "missing.xml")
    assert r.exit_code == 2 and "does not exist" in r.output
    assert run_editio("validate", "--no-such-option").exit_code == 2


def test_default_path_is_the_projects_tei_folder(run_editio, tmp_path):
    r = run_editio("validate", cwd=tmp_path)
    assert r.exit_code == 2 and "tei" in r.output and "does not exist" in r.output


def test_text_report_names_file_line_column_and_hint(run_editio):
    r = run_editio("validate", BROKEN, "--schema", "tei_all", "--no-color")
    first = r.output.splitlines()[0]
    assert first.startswith(f"{display_path(BROKEN)}:12:") and " error ED001 " in first
    assert r.output.splitlines()[1].strip().startswith("→ ")
    assert r.output.rstrip().splitlines()[-1].startswith("1 error, ")


def test_json_report(run_editio):
    r = run_editio("validate", READING, "--schema", "tei_all", "--format", "json")
    data = json.loads(r.output)
    assert r.exit_code == 1
    assert data["summary"]["error"] == sum(1 for d in data["diagnostics"] if d["severity"] == "error") > 5
    d = next(d for d in data["diagnostics"] if d["file"].endswith("external-entity.xml"))
    assert (d["rule"], d["line"], d["severity"]) == ("ED003", 3, "error")


def test_junit_report_has_the_shape_ci_servers_read(run_editio, tmp_path):
    out = tmp_path / "report.xml"
    r = run_editio("validate", READING, "--schema", "tei_all", "--format", "junit", "-o", out)
    assert r.exit_code == 1
    doc = etree.parse(str(out))
    schema = etree.RelaxNG(etree.parse(str(FIXTURES / "junit.rng")))
    assert schema.validate(doc), schema.error_log
    suites = doc.getroot().findall("testsuite")
    assert len(suites) == len(list(READING.glob("*.xml")))
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == len([c for c in cases if c.find("failure") is not None])
    bomb = next(s for s in suites if s.get("name").endswith("entity-bomb.xml"))
    failed = [c.get("name") for c in bomb.findall("testcase") if c.find("failure") is not None]
    assert failed == ["ED001"]


def test_github_annotations(run_editio):
    r = run_editio("validate", READING / "external-entity.xml", "--schema", "tei_all", "--format", "github")
    line = r.output.splitlines()[0]
    assert line.startswith("::error file=") and ",line=3,col=" in line and "title=ED003::" in line
    # the message's own newline (before the hint) is escaped so the annotation stays one command
    assert "%0A" in line


def test_sarif_report_has_the_required_properties(run_editio):
    r = run_editio("validate", READING, "--schema", "tei_all", "--format", "sarif")
    log = json.loads(r.output)
    assert log["version"] == "2.1.0" and "$schema" in log
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "editio"
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    assert run["results"]
    for res in run["results"]:
        assert res["level"] in ("error", "warning", "note", "none")
        assert res["message"]["text"]
        assert ids[res["ruleIndex"]] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"]
        if "region" in loc:
            assert loc["region"]["startLine"] >= 1


def test_rules_are_listed_with_severity(run_editio):
    r = run_editio("rules")
    assert r.exit_code == 0
    assert any(line.startswith("ED001  error") for line in r.output.splitlines())


def test_configuration_changes_severity_and_rejects_unknown_keys(run_editio, tmp_path):
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "letter.xml").write_bytes((READING / "latin1-declared.xml").read_bytes())
    (tmp_path / "editio.toml").write_text(f'schema = "{TEI_ALL}"\n[rules]\nED002 = "error"\n')
    r = run_editio("validate", cwd=tmp_path)
    assert r.exit_code == 1 and "error ED002" in r.output
    (tmp_path / "editio.toml").write_text('schemas = "x.rng"\n')
    r = run_editio("validate", cwd=tmp_path)
    assert r.exit_code == 2 and "did you mean 'schema'" in r.output
    (tmp_path / "editio.toml").write_text('[rules]\nED0002 = "off"\n')
    r = run_editio("validate", cwd=tmp_path)
    assert r.exit_code == 2 and "ED0002" in r.output


def test_no_traceback_on_internal_errors(tmp_path):
    """main() turns an unexpected exception into a one-line message and exit 3."""
    import subprocess
    import sys

    code = ("import editio.validate.runner as r\n"
            "def boom(*a, **k): raise RuntimeError('boom')\n"
            "r.validate = boom\n"
            "import sys; sys.argv = ['editio', 'validate', %r]\n"
            "from editio.cli import main; main()\n") % str(GOOD)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 3
    assert "Traceback" not in p.stderr and "internal error: RuntimeError: boom" in p.stderr


def test_readme_ci_examples_run_as_written(run_editio):
    """The editio commands of the README's GitHub Actions job and pre-commit hook pass on this edition."""
    import re
    import shlex

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^\s*(?:- run|entry): (editio [^#\n]*)", readme, flags=re.M)
    assert len(commands) == 2, commands
    for command in commands:
        args = shlex.split(command)[1:]
        r = run_editio(*args, cwd=REPO)
        assert r.exit_code == 0, (command, r.output)
    github = run_editio("validate", "--format", "github", cwd=REPO).output
    assert github.strip().splitlines()[-1].endswith("no problems")


def test_docs_rules_md_is_generated_from_the_registry(run_editio):
    r = run_editio("rules", "--format", "markdown")
    assert r.exit_code == 0
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == r.output, "run: editio rules --format markdown > docs/rules.md"
