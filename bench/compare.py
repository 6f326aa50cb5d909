"""editio against the TEI Consortium Stylesheets, on the same letters, in one run.

    bench/run --compare --tei-stylesheets DIR                    # 300 generated letters
    bench/run --compare --tei-stylesheets DIR --letters FOLDER   # a folder of your letters
    bench/run --compare --tei-stylesheets DIR --sizes 300,1200,4800

For each corpus: a bare lxml parse of the letters (the floor), a clean `editio build`
(validation, HTML, text, TEI and exports; a process per core, as a user runs it) and the
TEI Stylesheets' HTML of the same letters (profiles/default/html/to.xsl, Saxon-HE in one
JVM for all letters: Saxon's directory mode), one after the other; then the ratios. With
several sizes, the cost per letter at each against that at the first: a build whose cost
per letter grows with the corpus shows it here.

The generated letters are bench/generate.py's "other" style (per-letter back lists,
pointers to ids the letter does not list, an invalid letter in 25, notes without @n,
lb break="no"), validated against tei_all as their xml-model says. A folder of letters
is copied (its *.xml files) and built with `schema = "tei_all"`.

Saxon-HE: Debian's libsaxonhe-java (/usr/share/java/Saxon-HE.jar), or --saxon JAR. The
TEI Stylesheets are in no package registry; the bench never copies them into this
repository and editio does not need them: give a checkout with --tei-stylesheets.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

SAXON = Path("/usr/share/java/Saxon-HE.jar")
PROFILE = Path("profiles/default/html/to.xsl")
GET_STYLESHEETS = ("the TEI Stylesheets are in no package registry: get a copy with\n"
                   "  git clone --depth 1 https://github.com/TEIC/Stylesheets.git ~/tei-stylesheets\n"
                   "(or unpack a release from https://github.com/TEIC/Stylesheets/releases) and pass "
                   "--tei-stylesheets ~/tei-stylesheets")
GOALS = {"linear": 1.2, "stylesheets": 3.0}


def check_tools(stylesheets: Path | None, saxon: Path) -> str | None:
    """What is missing to run the comparison, as a sentence saying how to get it; None when all is there."""
    if stylesheets is None:
        return "--tei-stylesheets DIR is needed: " + GET_STYLESHEETS
    if not (stylesheets / PROFILE).is_file():
        return f"{stylesheets / PROFILE} does not exist: {GET_STYLESHEETS}"
    if not saxon.is_file():
        return (f"Saxon-HE is not at {saxon}: install it with `apt-get install libsaxonhe-java` "
                "(Debian, Ubuntu) or give the jar with --saxon JAR")
    if not shutil.which("java"):
        return "java is not on PATH: install a Java runtime (apt-get install default-jre-headless)"
    return None


def _run(cmd: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall time, CPU time (user + system, of the process and its threads) and exit code; the last line it wrote."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.stdout.close()
    last = out.decode("utf-8", "replace").strip().splitlines()
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status), (last[-1] if last else "")


def _floor(letters: list[Path]) -> float:
    from lxml import etree

    t = time.perf_counter()
    for f in letters:
        etree.parse(str(f))
    return time.perf_counter() - t


def _editio(project: Path, jobs: int | None) -> tuple[float, float, int, str]:
    shutil.rmtree(project / "output", ignore_errors=True)
    shutil.rmtree(project / ".editio-cache", ignore_errors=True)
    editio = shutil.which("editio")
    cmd = [editio] if editio else [sys.executable, "-m", "editio"]
    cmd += ["build", "-q", "--no-color"] + (["-j", str(jobs)] if jobs else [])
    return _run(cmd, project)


def _stylesheets(letters_dir: Path, out: Path, stylesheets: Path, saxon: Path) -> tuple[float, float, int, str]:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cmd = ["java", "-jar", str(saxon), f"-s:{letters_dir}", f"-o:{out}", f"-xsl:{stylesheets / PROFILE}"]
    return _run(cmd, letters_dir.parent)


def _own_letters(folder: Path, work: Path) -> Path:
    """A copy of a folder's letters to build: editio writes its output and cache beside them."""
    files = sorted(p for p in folder.glob("*.xml") if p.is_file())
    if not files:
        raise SystemExit(f"no *.xml files in {folder}")
    project = work / "letters"
    (project / "letters").mkdir(parents=True)
    for f in files:
        shutil.copyfile(f, project / "letters" / f.name)
    (project / "editio.toml").write_text('sources = ["letters"]\nschema = "tei_all"\n', encoding="utf-8")
    return project


def _generated(n: int, seed: int, work: Path) -> Path:
    import generate

    project = work / f"generated-{n}"
    generate.generate(project, n, seed, style="other")
    return project


def measure(project: Path, letters_dir: Path, args, work: Path) -> dict:
    letters = sorted(letters_dir.glob("*.xml"))
    row = {"letters": len(letters), "mb": sum(f.stat().st_size for f in letters) / 2**20}
    row["floor"] = _floor(letters)
    row["editio"] = _editio(project, args.jobs)
    row["tei"] = _stylesheets(letters_dir, work / "tei-stylesheets-html", args.tei_stylesheets, args.saxon)
    row["tei_written"] = len(list((work / "tei-stylesheets-html").iterdir()))
    shutil.rmtree(work / "tei-stylesheets-html", ignore_errors=True)
    return row


def report(label: str, row: dict) -> list[str]:
    n = row["letters"]
    ed_wall, ed_cpu, ed_code, ed_last = row["editio"]
    tei_wall, tei_cpu, tei_code, tei_last = row["tei"]
    lines = [f"{label}: {n:,} letters, {row['mb']:.1f} MB"]
    lines.append(f"  bare lxml parse (the floor)     {row['floor']:8.2f} s")
    lines.append(f"  editio build (full edition)     {ed_wall:8.2f} s  {n / ed_wall:7.0f} letters/s  "
                 f"{ed_wall / row['floor']:5.0f}x the floor  (CPU {ed_cpu:.1f} s; exit {ed_code}: {ed_last})")
    lines.append(f"  TEI Stylesheets HTML (Saxon)    {tei_wall:8.2f} s  {n / tei_wall:7.0f} letters/s  "
                 f"{tei_wall / row['floor']:5.0f}x the floor  (CPU {tei_cpu:.1f} s; exit {tei_code}; "
                 f"{row['tei_written']:,} files written)")
    ratio = tei_wall / ed_wall
    goal = GOALS["stylesheets"]
    lines.append(f"  => editio: {n / ed_wall:.0f} letters a second; {ratio:.1f}x the TEI Stylesheets on the same letters "
                 f"(goal: {goal:.0f}x; {'met' if ratio >= goal else 'not met'}); in CPU time {tei_cpu / ed_cpu:.1f}x "
                 "(the figure to read when other processes share the machine)")
    if tei_code != 0:
        lines.append(f"  (the TEI Stylesheets exited with {tei_code}: {tei_last})")
    return lines


def per_letter(rows: list[dict]) -> list[str]:
    """The cost per letter at each size, against that at the first."""
    if len(rows) < 2:
        return []
    base_ed = rows[0]["editio"][0] / rows[0]["letters"]
    base_tei = rows[0]["tei"][0] / rows[0]["letters"]
    base_cpu = rows[0]["editio"][1] / rows[0]["letters"]
    lines = ["", "Cost per letter, by corpus size (time / letters; ratio to the first size):"]
    lines.append(f"  {'letters':>7}  {'editio ms':>9}  {'ratio':>5}  {'editio CPU ms':>13}  {'ratio':>5}  "
                 f"{'TEI Stylesheets ms':>18}  {'ratio':>5}")
    for r in rows:
        ed, cpu, tei = (r["editio"][0] / r["letters"], r["editio"][1] / r["letters"], r["tei"][0] / r["letters"])
        lines.append(f"  {r['letters']:>7,}  {1000 * ed:9.1f}  {ed / base_ed:5.2f}  {1000 * cpu:13.1f}  {cpu / base_cpu:5.2f}  "
                     f"{1000 * tei:18.1f}  {tei / base_tei:5.2f}")
    last = rows[-1]["editio"][0] / rows[-1]["letters"] / base_ed
    last_cpu = rows[-1]["editio"][1] / rows[-1]["letters"] / base_cpu
    goal = GOALS["linear"]
    lines.append(f"  => editio's cost per letter at {rows[-1]['letters']:,} letters is {last:.2f}x that at "
                 f"{rows[0]['letters']:,} ({last_cpu:.2f}x in CPU time; goal: within {goal}x; "
                 f"{'met' if max(last, last_cpu) <= goal else 'not met'})")
    return lines


def main(args, work: Path) -> int:
    missing = check_tools(args.tei_stylesheets, args.saxon)
    if missing:
        print(missing)
        return 2
    print(f"TEI Stylesheets: {args.tei_stylesheets} ({_version(args.tei_stylesheets)}); Saxon: {args.saxon}")
    rows = []
    if args.letters:
        project = _own_letters(args.letters, work)
        rows.append(measure(project, project / "letters", args, work))
        print("\n".join(report(str(args.letters), rows[-1])), flush=True)
    else:
        for n in args.sizes_list:
            project = _generated(n, args.seed, work)
            rows.append(measure(project, project / "tei" / "letters", args, work))
            print("\n".join(report(f"generated (other style, seed {args.seed})", rows[-1])), flush=True)
            shutil.rmtree(project, ignore_errors=True)
    for line in per_letter(rows):
        print(line)
    ratios = [r["tei"][0] / r["editio"][0] for r in rows]
    if len(ratios) > 1:
        print(f"editio against the TEI Stylesheets: {statistics.median(ratios):.1f}x (median over the sizes)")
    return 0


def _version(stylesheets: Path) -> str:
    version = stylesheets / "VERSION"
    return "version " + version.read_text().strip() if version.is_file() else "version unknown"
