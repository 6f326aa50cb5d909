#!/usr/bin/env python3
"""editio benchmarks: throughput, ratios to a bare parse, parallel speed-up, rebuilds, memory.

    bench/run                      # corpora of 1,000, 5,000 and 20,000 letters
    bench/run --quick              # 1,000 letters only
    bench/run --sizes 2000,8000 --repeat 5 --seed 3 --keep /tmp/corpora
    bench/run --compare --tei-stylesheets DIR [--letters FOLDER] [--sizes 300,1200,4800]
                                   # against the TEI Stylesheets (bench/compare.py)

Every figure comes from this run: corpora are generated (bench/generate.py) into a
temporary folder, and each measurement runs in a fresh child process, so that its peak
memory (VmHWM) is its own. Each child first parses every file with a bare lxml
etree.parse (the floor) and then does what is measured, so the ratio to the floor is
taken in the same process, moments apart; with --repeat R each measurement is repeated R
times and the median is shown with the range. Never run as a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))


# --- in the child ---------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    """The peak RSS of this process or of any worker process it waited for (build -j)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                own = int(line.split()[1])
    except OSError:
        pass
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def _forget_builds(corpus: Path) -> None:
    """What a clean checkout has: no output, no build cache."""
    shutil.rmtree(corpus / "output", ignore_errors=True)
    shutil.rmtree(corpus / ".editio-cache", ignore_errors=True)


def _files(corpus: Path) -> list[Path]:
    return sorted((corpus / "tei").rglob("*.xml"))


def _parse_floor(corpus: Path) -> float:
    from lxml import etree

    files = _files(corpus)
    t = time.perf_counter()
    for f in files:
        etree.parse(str(f))
    return time.perf_counter() - t


def _config(corpus: Path, output: Path | None = None):
    from editio.config import Config

    cfg = Config(root=corpus)
    if output is not None:
        cfg.output = str(output)
    return cfg


def _bare_validator():
    """A Validator that only reads: no schema, no rules (for 'build, validation off')."""
    from editio.validate import runner

    class Bare(runner.Validator):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            self.rules = []
            self.schematron_files = []

        def _check_schema(self, doc):
            return None

    return Bare


def _count(report, severity):
    return sum(1 for d in report.diagnostics if d.severity == severity)


def child(spec: dict) -> dict:
    corpus = Path(spec["corpus"])
    op = spec["op"]
    out: dict = {"op": op}
    if op == "register-schema":  # the RelaxNG layer alone on the largest register
        from editio.validate.schema import load_schema
        from editio.validate.runner import Validator

        doc = _document(Path(spec["file"]))
        schema = load_schema(Validator(_config(corpus)).schema_for(doc))
        t = time.perf_counter()
        findings = schema.check(doc)
        out["time"] = time.perf_counter() - t
        out["findings"] = len(findings)
        out["rss_mb"] = _peak_rss_mb()
        return out
    if op == "libraries":
        return _library_calls(corpus)
    out["floor"] = _parse_floor(corpus)
    if op == "parse":
        out["time"] = _parse_floor(corpus)  # a second pass, as warm as the others
    elif op == "validate":
        from editio.validate.runner import validate

        t = time.perf_counter()
        report = validate([corpus / "tei"], _config(corpus))
        out["time"] = time.perf_counter() - t
        out["errors"], out["warnings"] = _count(report, "error"), _count(report, "warning")
    elif op in ("build", "build-bare"):
        # a full build; for "build" also a rebuild with no change and one with one letter changed
        from editio import pipeline
        from editio.validate import runner

        output = Path(spec["output"])
        shutil.rmtree(output, ignore_errors=True)
        _forget_builds(corpus)
        if op == "build-bare":
            runner.Validator = _bare_validator()
        kwargs = {}
        if spec.get("jobs") is not None:
            kwargs["jobs"] = spec["jobs"]
        cfg, paths = _config(corpus, output), [corpus / "tei"]
        if op == "build" and hasattr(pipeline, "Session"):  # the builds that follow keep what editio serve keeps
            kwargs["session"] = pipeline.Session()
        t = time.perf_counter()
        result = pipeline.build(cfg, paths, **kwargs)
        out["time"] = time.perf_counter() - t
        out["written"] = len(result.written)
        out["errors"] = _count(result.report, "error")
        if spec.get("rebuild"):
            t = time.perf_counter()
            r = pipeline.build(cfg, paths, **kwargs)
            out["nochange"] = time.perf_counter() - t
            out["nochange_written"] = len(r.written)
            out.update(one_letter_rebuild(corpus, cfg, paths, kwargs))
        shutil.rmtree(output, ignore_errors=True)
    else:
        raise SystemExit(f"unknown op {op}")
    out["rss_mb"] = _peak_rss_mb()
    return out


def one_letter_rebuild(corpus: Path, cfg, paths: list[Path], kwargs: dict) -> dict:
    """A rebuild with one letter changed, as editio serve runs it (in the process of the
    builds before it, keeping what serve keeps between builds): the time (and CPU time of
    this process, where one letter is built) until the letter's page is written, when serve
    reloads the browser, and until the build is done (the finish steps, the manifest)."""
    import inspect

    from editio import pipeline

    page = {}

    def letters_done(written, findings):
        page["onechange_page"], page["onechange_page_cpu"] = time.perf_counter() - t, time.process_time() - cpu

    if "letters_done" in inspect.signature(pipeline.build).parameters:
        kwargs = {**kwargs, "letters_done": letters_done}
    with changed_letter(corpus):
        t, cpu = time.perf_counter(), time.process_time()
        r = pipeline.build(cfg, paths, **kwargs)
        return {"onechange": time.perf_counter() - t, "onechange_cpu": time.process_time() - cpu,
                "onechange_written": len(r.written), **page}


def _library_calls(corpus: Path) -> dict:
    """The lxml calls a build cannot do without, each over every letter: what no Python
    code of editio's can make faster. The trees are the sources as parsed, not the larger
    standalone letters the builders get, and the RelaxNG check is counted once (a build
    also checks its TEI output): the sum is a lower bound of a build's cost."""
    from lxml import etree

    from editio import xsltrun
    from editio.validate.schema import load_schema
    from editio.validate.runner import Validator

    letters = sorted((corpus / "tei" / "letters").glob("*.xml"))
    t = time.perf_counter()
    trees = [etree.parse(str(f)) for f in letters]
    out: dict = {"op": "libraries", "letters": len(letters), "floor": time.perf_counter() - t}
    validator = Validator(_config(corpus))
    schema = load_schema(validator.schema_for(_document(letters[0]))).relaxng
    identity = etree.XSLT(etree.XML(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template match="@*|node()"><xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>'
        "</xsl:template></xsl:stylesheet>"))
    xsltrun.stylesheet("html/letter.xsl"), xsltrun.stylesheet("text/text.xsl")  # compiled before the clock starts
    calls = {"relaxng": schema.validate, "identity": identity,
             "html": lambda tree: xsltrun.transform("html/letter.xsl", tree),
             "text": lambda tree: xsltrun.transform("text/text.xsl", tree),
             "serialise": etree.tostring}
    for name, call in calls.items():
        t = time.perf_counter()
        for tree in trees:
            call(tree)
        out[name] = time.perf_counter() - t
    out["rss_mb"] = _peak_rss_mb()
    return out


def _document(path: Path):
    from editio.corpus import Document
    from editio.xmlio import read_xml

    parsed = read_xml(path)
    return Document(path.absolute(), parsed.tree, parsed.data, parsed.encoding)


class changed_letter:
    """Change one word of one letter's text (staying valid); put the bytes back on exit."""

    def __init__(self, corpus: Path):
        letters = sorted((corpus / "tei" / "letters").glob("*.xml"))
        self.path = letters[len(letters) // 3]
        self.data = self.path.read_bytes()

    def __enter__(self):
        i = self.data.index(b"<p xml:id=")
        j = self.data.index(b">", i) + 1
        self.path.write_bytes(self.data[:j] + b"Changed " + self.data[j:])
        return self.path

    def __exit__(self, *exc):
        self.path.write_bytes(self.data)


# --- in the parent --------------------------------------------------------------------------


def run_child(spec: dict, timeout: float | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=spec["corpus"], timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"op": spec["op"], "error": f"timeout: over {timeout:.0f} s", "timeout": True}
    if p.returncode != 0:
        return {"op": spec["op"], "error": (p.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_cli(args: list[str], cwd: Path, timeout: float | None = None) -> tuple[float, float, int, str]:
    """Wall time, peak RSS (MB) and exit code of `editio ARGS` run in a subprocess."""
    editio = shutil.which("editio")
    cmd = [editio, *args] if editio else [sys.executable, "-m", "editio", *args]
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = None if timeout is None else time.monotonic() + timeout
    chunks = []
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(p.stdout, selectors.EVENT_READ)
    while True:  # read the output (so the child never blocks on a full pipe) until EOF or the deadline
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            p.kill()
            os.wait4(p.pid, 0)
            return float("inf"), 0.0, -9, f"timeout: over {timeout:.0f} s"
        if sel.select(timeout=left):
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                break
            chunks.append(chunk)
    _, status, usage = os.wait4(p.pid, 0)  # reap it ourselves: its own rusage
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    last = b"".join(chunks).decode("utf-8", "replace").strip().splitlines()
    return wall, usage.ru_maxrss / 1024, p.returncode, (last[-1] if last else "")


def jobs_support() -> tuple[bool, bool]:
    """(pipeline.build takes jobs=, the CLI's build takes -j)."""
    import inspect

    from editio import pipeline
    from editio.cli import build as build_cmd

    in_process = "jobs" in inspect.signature(pipeline.build).parameters
    cli = any("-j" in (getattr(p, "opts", []) or []) for p in build_cmd.params)
    return in_process, cli


def builders_registered() -> list[str]:
    from editio.builders import builders

    return [b.name for b in builders()]


def median_range(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def fmt_time(values: list[float]) -> str:
    med, lo, hi = median_range(values)
    if len(values) == 1:
        return f"{med:8.2f}"
    return f"{med:8.2f} ({lo:.2f}-{hi:.2f})"


def table(rows: list[tuple], header: tuple) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
             for r in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Block:
    """The table of one corpus size."""

    def __init__(self, n: int, args):
        self.n, self.args = n, args
        self.rows: list[tuple] = []
        self.notes: list[str] = []

    def row(self, label, time_s="", rate="", ratio="", rss=""):
        self.rows.append((label, time_s, rate, ratio, rss))

    def failed(self, label, error):
        self.row(label, "timeout" if error.startswith("timeout") else "failed")
        self.notes.append(f"{label}: {error}")

    def measure(self, label, spec, repeat) -> list[dict] | None:
        results = []
        for _ in range(repeat):
            # a build with its two rebuilds is three builds: three times the time allowed
            timeout = self.args.timeout * (3 if spec.get("rebuild") else 1)
            r = run_child(spec, timeout)
            if "error" in r:
                self.failed(label, r["error"])
                return None
            results.append(r)
        self.add(label, results, "time")
        return results

    def add(self, label, results, key, of_full=False, of_rebuild=False):
        times = [r[key] for r in results]
        if of_full or of_rebuild:  # a rebuild (or a part of one): its share of what it is part of, in the same process
            whole, name = ("onechange", "the rebuild") if of_rebuild else ("time", "the full build")
            shares = [r[key] / r[whole] for r in results]
            self.row(label, fmt_time(times), "", f"{statistics.median(shares):.2f} of {name}", "")
            return
        ratios = [r[key] / r["floor"] for r in results]
        ratio = f"{statistics.median(ratios):.1f}x" + (f" ({min(ratios):.1f}-{max(ratios):.1f})" if len(results) > 1 else "")
        self.row(label, fmt_time(times), f"{self.n / statistics.median(times):,.0f}", ratio, f"{max(r['rss_mb'] for r in results):,.0f}")


def _library_rows(b: Block, lib: dict) -> None:
    n, floor = lib["letters"], lib["floor"]

    def row(label, seconds):
        b.row(label, f"{seconds:8.2f}", f"{n / seconds:,.0f}", f"{seconds / floor:.1f}x", f"{lib['rss_mb']:,.0f}")

    row("lxml calls alone, letters only: parse (their floor)", floor)
    row("  RelaxNG validation against the edition schema", lib["relaxng"])
    row("  XSLT html/letter.xsl", lib["html"])
    row("  XSLT text/text.xsl", lib["text"])
    row("  XSLT identity stylesheet (copies every node)", lib["identity"])
    row("  serialise (etree.tostring)", lib["serialise"])
    row("  sum: parse, RelaxNG, html, text, serialise", floor + lib["relaxng"] + lib["html"] + lib["text"] + lib["serialise"])
    row("  the same with identity for html and text", floor + lib["relaxng"] + 2 * lib["identity"] + lib["serialise"])
    b.notes.append("lxml calls alone: on the sources as parsed, RelaxNG once; a build also validates its TEI "
                   "output and transforms the larger standalone letters, so these sums are lower bounds")


def bench_size(n: int, args, tmp: Path, jobs: tuple[bool, bool]) -> str:
    import generate

    corpus = tmp / f"corpus-{n}"
    t = time.perf_counter()
    files = generate.generate(corpus, n, args.seed, args.style)
    gen_time = time.perf_counter() - t
    size_mb = sum(f.stat().st_size for f in files) / 2**20
    letters = [f for f in files if f.parent.name == "letters"]
    biggest = max(f.stat().st_size for f in letters) / 1024
    registers = [f for f in files if f.parent.name == "registers"]
    repeat = args.repeat or (3 if n <= 5000 else 1)
    b = Block(n, args)
    base = {"corpus": str(corpus)}
    out = str(tmp / f"out-{n}")

    # The RelaxNG layer alone on the largest register: it decides whether the rest can run.
    slow_registers = False
    if registers:
        largest = max(registers, key=lambda f: f.stat().st_size)
        entries = largest.read_bytes().count(b"<person ") + largest.read_bytes().count(b"<place ") + largest.read_bytes().count(b"<org ")
        r = run_child({**base, "op": "register-schema", "file": str(largest)}, args.timeout)
        label = f"RelaxNG of {largest.name} alone ({entries:,} entries)"
        if "error" in r:
            b.failed(label, r["error"])
            slow_registers = r.get("timeout", False)
        else:
            b.row(label, f"{r['time']:8.2f}", "", "", f"{r['rss_mb']:,.0f}")
    if slow_registers:
        b.notes.append("every measure that validates is skipped at this size: the register alone takes longer than --timeout")

    want = args.measures
    if "parse" in want:
        b.measure("parse floor (a 2nd pass; ratio: 2nd/1st pass)", {**base, "op": "parse"}, repeat)
    v = bare = full = None
    if not slow_registers and "validate" in want:
        v = b.measure("validate (in-process, all rules, edition schema)", {**base, "op": "validate"}, repeat)
        if v:
            b.notes.append(f"validate: {v[0]['errors']} errors, {v[0]['warnings']} warnings; the time includes compiling the schema")
    if "build-only" in want:
        bare = b.measure("build only (validation switched off by the bench)", {**base, "op": "build-bare", "output": out}, repeat)
    if not slow_registers and "build" in want:
        full = b.measure("build = validate + build (pipeline.build, a process per core)", {**base, "op": "build", "output": out, "rebuild": True}, repeat)
        if full:
            b.add("  rebuild, no change (in-process, as editio serve)", full, "nochange", of_full=True)
            b.add("  rebuild, one letter changed (in-process, as editio serve)", full, "onechange", of_full=True)
            if "onechange_page" in full[0]:
                b.add("    of which until its page is written (serve reloads then)", full, "onechange_page", of_rebuild=True)
                b.notes.append("rebuild, one letter changed, CPU time of the building process: its page after "
                               f"{statistics.median(r['onechange_page_cpu'] for r in full):.2f} s, done after "
                               f"{statistics.median(r['onechange_cpu'] for r in full):.2f} s (medians)")
            b.notes.append(f"build wrote {full[0]['written']} files; the rebuild with no change wrote {full[0]['nochange_written']}, "
                           f"with one letter changed {full[0]['onechange_written']}")
    if bare and full:
        share = 1 - statistics.median([x["time"] for x in bare]) / statistics.median([x["time"] for x in full])
        b.notes.append(f"validation is {share:.0%} of a full build (build only vs build, medians)" if share > 0 else
                       "build only took longer than build: within the noise (both compile the schemas: the xml builder "
                       "validates its output against the edition schema and tei_all)")
    if "libraries" in want:
        lib = run_child({**base, "op": "libraries"}, args.timeout)
        if "error" in lib:
            b.failed("lxml calls alone", lib["error"])
        else:
            _library_rows(b, lib)
    # -j
    if "speedup" not in want:
        pass
    elif jobs[0] and not slow_registers:
        j1 = b.measure("build -j 1 (pipeline.build(jobs=1))", {**base, "op": "build", "jobs": 1, "output": out}, repeat)
        j2 = b.measure("build -j 2 (pipeline.build(jobs=2))", {**base, "op": "build", "jobs": 2, "output": out}, repeat)
        if j1 and j2:
            b.row("  speed-up of -j 2 over -j 1", f"{statistics.median([x['time'] / y['time'] for x, y in zip(j1, j2)]):.2f}x")
    elif not jobs[0]:
        b.row("speed-up of -j 2 over -j 1", "n/a: -j not implemented")
    # the CLI, as a user runs it
    if not slow_registers and "cli" in want:
        cli = {"full": [], "none": [], "one": []}
        cli_j = {1: [], 2: []}
        rss, last_one, failed = 0.0, "", None
        for _ in range(repeat):
            _forget_builds(corpus)
            for key in ("full", "none", "one"):
                if key == "one":
                    with changed_letter(corpus):
                        w, m, code, last = run_cli(["build", "-q", "--no-color"], corpus, timeout=args.timeout)
                    last_one = last
                else:
                    w, m, code, last = run_cli(["build", "-q", "--no-color"], corpus, timeout=args.timeout)
                if code not in (0, 1):
                    failed = last
                    break
                cli[key].append(w)
                rss = max(rss, m)
            if failed:
                break
            if jobs[1] and "speedup" in want:
                for j in (1, 2):
                    _forget_builds(corpus)
                    w, m, code, _ = run_cli(["build", "-q", "--no-color", "-j", str(j)], corpus, timeout=args.timeout)
                    cli_j[j].append(w)
        if failed:
            b.failed("editio build (CLI subprocess)", failed)
        else:
            full_cli = statistics.median(cli["full"])
            b.row("editio build (CLI subprocess), full", fmt_time(cli["full"]), f"{n / full_cli:,.0f}", "", f"{rss:,.0f}")
            b.row("  editio build, no change (CLI)", fmt_time(cli["none"]), "", f"{statistics.median(cli['none']) / full_cli:.2f} of the full build")
            b.row("  editio build, one letter changed (CLI)", fmt_time(cli["one"]), "", f"{statistics.median(cli['one']) / full_cli:.2f} of the full build")
            if jobs[1] and cli_j[1] and cli_j[2]:
                b.row("  speed-up of editio build -j 2 over -j 1 (CLI)",
                      f"{statistics.median([x / y for x, y in zip(cli_j[1], cli_j[2])]):.2f}x")
            b.notes.append(f"CLI, one letter changed: {last_one}")
    _forget_builds(corpus)
    head = (f"{n:,} letters + {len(registers)} registers ({args.style} style, seed {args.seed}): {size_mb:.1f} MB, "
            f"largest letter {biggest:.0f} KB; generated in {gen_time:.1f} s; each measure repeated {repeat}x "
            "(median, range in brackets)")
    body = table(b.rows, ("measure", "time s", "letters/s", "x parse floor (same process)", "peak RSS MB"))
    return head + "\n" + body + "\n" + "\n".join(f"  - {x}" for x in b.notes)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        print(json.dumps(child(json.loads(argv[1]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", help="corpus sizes, comma-separated (default 1000,5000,20000; with --compare 300)")
    ap.add_argument("--quick", action="store_true", help="1,000 letters only")
    ap.add_argument("--repeat", type=int, help="repetitions of each measure (default 3 up to 5,000 letters, 1 above)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--style", choices=["editio", "other"], default="editio")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds one measure may take before it is stopped (default 1800; a build with its rebuilds 3x)")
    ap.add_argument("--measures", default="parse,libraries,validate,build-only,build,speedup,cli",
                    help="which measures to take (default all): parse, libraries (the lxml calls a build needs, "
                         "alone), validate, build-only, build (with the in-process "
                         "rebuilds), speedup (-j 1 and -j 2, in-process, and with cli also as a subprocess), cli (editio "
                         "build in a subprocess: full, no change, one letter changed)")
    ap.add_argument("--keep", type=Path, help="generate the corpora here and keep them (default: a temporary folder, removed)")
    compare = ap.add_argument_group("against the TEI Stylesheets (bench/compare.py)")
    compare.add_argument("--compare", action="store_true",
                         help="build the same letters with editio and with the TEI Stylesheets' HTML (Saxon-HE), "
                              "print both times and the ratio, and the cost per letter at each of --sizes")
    compare.add_argument("--tei-stylesheets", type=Path, metavar="DIR", help="a copy of github.com/TEIC/Stylesheets")
    compare.add_argument("--letters", type=Path, metavar="FOLDER",
                         help="compare on the *.xml letters of FOLDER (copied) instead of generated ones")
    compare.add_argument("--saxon", type=Path, default=Path("/usr/share/java/Saxon-HE.jar"), metavar="JAR",
                         help="Saxon-HE (default: Debian's, /usr/share/java/Saxon-HE.jar)")
    compare.add_argument("--jobs", "-j", type=int, help="editio build -j N (default: a process per core)")
    args = ap.parse_args(argv)
    if args.compare:
        return _compare(args, argv)
    args.sizes = args.sizes or "1000,5000,20000"
    args.measures = {m.strip() for m in args.measures.split(",") if m.strip()}
    unknown = args.measures - {"parse", "libraries", "validate", "build-only", "build", "speedup", "cli"}
    if unknown:
        ap.error(f"unknown measure(s): {', '.join(sorted(unknown))}")
    sizes = [1000] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    command = _announce(argv)
    editio = _import_editio()
    if editio is None:
        return 2
    from lxml import etree

    print(f"editio {editio.__version__} ({Path(editio.__file__).parent}); Python {sys.version.split()[0]}; "
          f"lxml {etree.__version__} (libxml2 {'.'.join(map(str, etree.LIBXML_VERSION))}); {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f} at start")
    try:
        from editio.validate import runner  # noqa: F401
    except ImportError as e:
        print(f"editio's validation cannot be imported ({e}); the measures that use it will fail")
    names = builders_registered()
    print(f"builders registered: {', '.join(names) if names else 'none (build = validation + standalone letters only)'}")
    jobs = jobs_support()
    if not any(jobs):
        print("editio build -j: n/a: -j not implemented")
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="editio-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        for n in sizes:
            print()
            print(bench_size(n, args, tmp, jobs), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end (other processes on the machine make times noisy; "
          "the ratios are taken within one process)")
    print(f"$ {command}")
    return 0


def _announce(argv) -> str:
    """The command as typed, printed first so that every figure below names what made it."""
    command = "bench/run " + " ".join(shlex.quote(a) for a in argv)
    print(f"$ {command}")
    return command


def _import_editio():
    try:
        import editio
    except ImportError as e:
        print(f"cannot import editio ({e}); run the README's quick start, or `pip install -e '.[test]'` in {REPO}")
        return None
    return editio


def _compare(args, argv) -> int:
    import compare

    args.sizes_list = [int(x.replace("_", "")) for x in (args.sizes or "300").split(",") if x.strip()]
    command = _announce(argv)
    editio = _import_editio()
    if editio is None:
        return 2
    print(f"editio {editio.__version__}; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f} at start")
    work = args.keep or Path(tempfile.mkdtemp(prefix="editio-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        code = compare.main(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end (other processes on the machine make times noisy)")
    print(f"$ {command}")
    return code


if __name__ == "__main__":
    sys.exit(main())
