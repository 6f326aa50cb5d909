"""editio stats: the numbers of the edition, as a table and as JSON, agreeing with validate."""

import json
import shutil

from conftest import REPO
from test_workflow_init import new_project
from test_workflow_new import PEOPLE


def test_stats_of_this_edition(run_editio):
    r = run_editio("stats", "--format", "json", cwd=REPO)
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert (data["letters"], data["persons"], data["places"], data["organisations"], data["notes"]) == (1, 4, 7, 6, 3)
    assert (data["first_date"], data["last_date"], data["undated"]) == ("1962-11-04", "1962-11-04", 0)
    names = data["tagged"]
    assert names >= 20 and data["untagged"] == 0 and data["coverage"] == 1.0
    # the validation numbers are validate's own
    v = json.loads(run_editio("validate", "--format", "json", cwd=REPO).output)
    assert (data["errors"], data["warnings"], data["infos"]) == (v["summary"]["error"], v["summary"]["warning"], v["summary"]["info"])
    assert data["files"] == len(v["files"]) == 4


def test_table_in_the_terminal(run_editio):
    r = run_editio("stats", "--no-color", cwd=REPO)
    assert r.exit_code == 0
    rows = dict(line.split(None, 1) if not line.startswith(("tagged", "untagged", "tagging")) else
                (line[:16].strip(), line[16:].strip()) for line in r.output.splitlines())
    assert rows["letters"].startswith("1  (1962-11-04)")
    assert rows["organisations"].strip() == "6" and rows["notes"].strip() == "3"
    assert rows["tagging coverage"].startswith("100% (")
    assert "errors" in rows["validation"] or "error" in rows["validation"]
    assert "\x1b[" not in r.output
    assert "\x1b[" in run_editio("stats", "--color", cwd=REPO).output


def test_untagged_names_are_counted_as_validate_reports_them(run_editio, tmp_path):
    project = new_project(run_editio, tmp_path / "ed", *PEOPLE)
    run_editio("new", "letter", "--from", "khrushchev", "--to", "kennedy", "--date", "1962-11-04", "--place-from", "moscow",
               "--place-to", "washington", "--id", "d73", cwd=project)
    run_editio("new", "letter", "--from", "kennedy", "--to", "khrushchev", "--date", "1962-10-22", cwd=project)
    letter = project / "tei/letters/d73.xml"
    letter.write_text(letter.read_text().replace(
        "The text of the letter.",
        'Dear <persName ref="../registers/persons.xml#per.kennedy">Mr. Kennedy</persName>, in Moscow we read'
        '<note place="foot" n="1">A note.</note> what Kennedy wrote.'))
    data = json.loads(run_editio("stats", "--format", "json", cwd=project).output)
    assert (data["letters"], data["persons"], data["places"], data["organisations"]) == (2, 2, 2, 0)
    assert (data["tagged"], data["untagged"], data["notes"]) == (1, 2, 1)
    assert (data["first_date"], data["last_date"]) == ("1962-10-22", "1962-11-04")
    assert data["problems_by_rule"].get("ED701") == 2
    v = run_editio("validate", "--format", "json", cwd=project)
    assert sum(1 for d in json.loads(v.output)["diagnostics"] if d["rule"] == "ED701") == 2
    # the rule's severity does not change what stats counts
    (project / "editio.toml").write_text('[rules]\nED701 = "off"\n')
    data = json.loads(run_editio("stats", "--format", "json", cwd=project).output)
    assert data["untagged"] == 2 and "ED701" not in data["problems_by_rule"]


def test_broken_file_is_counted_as_an_error_not_a_crash(run_editio, tmp_path):
    shutil.copytree(REPO / "tei", tmp_path / "tei")
    (tmp_path / "tei/letters/broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader></TEI>")
    r = run_editio("stats", "--format", "json", cwd=tmp_path)
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["letters"] == 1 and data["errors"] >= 1 and data["problems_by_rule"]["ED001"] == 1
    assert run_editio("stats", cwd=tmp_path / "tei/letters").exit_code == 2
