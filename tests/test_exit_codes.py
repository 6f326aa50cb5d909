"""The exit codes of docs/reference.md, command by command, on a real project with one
error (ED101), with one warning only, and with neither; --strict means the same for
validate and build."""

import pytest

from test_workflow_init import new_project
from test_workflow_new import PEOPLE


@pytest.fixture
def project(run_editio, tmp_path):
    folder = new_project(run_editio, tmp_path / "ed", *PEOPLE)
    r = run_editio("new", "letter", "--from", "khrushchev", "--to", "kennedy", "--date", "1962-11-04", "--place-from", "moscow",
                   "--place-to", "washington", "--id", "d73", cwd=folder)
    assert r.exit_code == 0, r.output
    return folder


def codes(run_editio, folder, *commands):
    return {" ".join(c): run_editio(*c, cwd=folder).exit_code for c in commands}


def test_an_error_fails_every_command_that_validates(run_editio, project):
    assert run_editio("build", cwd=project).exit_code == 0
    letter = project / "tei/letters/d73.xml"
    letter.write_text(letter.read_text().replace('<p xml:id="d73.p1">The text of the letter.</p>',
                                                 '<para xml:id="d73.p1">The text of the letter.</para>'))
    assert "ED101" in run_editio("validate", "--no-color", cwd=project).output
    assert codes(run_editio, project, ["validate"], ["build", "--check"], ["export", "csv"], ["build"], ["stats"]) == {
        "validate": 1, "build --check": 1, "export csv": 1, "build": 1, "stats": 0}
    # built now (the letter is well-formed): --check still fails on the error itself
    assert run_editio("build", "--check", cwd=project).exit_code == 1


def test_strict_counts_warnings_as_errors_for_validate_and_build(run_editio, project):
    r = run_editio("validate", "--no-color", cwd=project)  # the template's placeholders are warnings (ED706)
    assert r.exit_code == 0 and "warning ED706" in r.output and "0 errors, 2 warnings" in r.output
    assert codes(run_editio, project, ["validate", "--strict"], ["build", "--strict"], ["build"], ["build", "--check", "--strict"],
                 ["build", "--check"]) == {
        "validate --strict": 1, "build --strict": 1, "build": 0, "build --check --strict": 1, "build --check": 0}
    # --quiet hides the warnings; they still count
    assert codes(run_editio, project, ["validate", "--strict", "-q"], ["build", "--strict", "-q"]) == {
        "validate --strict -q": 1, "build --strict -q": 1}


def test_strict_is_documented_once_with_one_meaning():
    from conftest import REPO
    from editio.cli import cli

    helps = {name: next(p.help for p in cli.commands[name].params if p.name == "strict") for name in ("validate", "build")}
    assert helps["validate"] == helps["build"] and "Warnings count as errors" in helps["build"]
    reference = (REPO / "docs/reference.md").read_text()
    assert reference.count("- `--strict`: warnings count as errors (see [Exit codes](#exit-codes)).") == 2
