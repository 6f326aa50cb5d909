#!/usr/bin/env python3
"""Where validation spends its time: parse, RelaxNG, the context index, each rule.

    python bench/profile_validate.py CORPUS_DIR            # a corpus from bench/generate.py
    python bench/profile_validate.py --letters 5000 [--seed 1] [--keep DIR]
    python bench/profile_validate.py CORPUS_DIR --pyinstrument   # plus a sampling profile (pip install pyinstrument)

Wraps (in this process only) read_xml, Validator._check_schema, Context.add and every rule's
check and finish with timers, runs editio.validate.runner.validate once over the whole corpus
and prints each part's share of the total, in the same run.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))


def instrumented_validate(corpus: Path, pyinstrument: bool = False):
    from lxml import etree

    from editio.config import Config, load
    from editio.validate import context as context_mod
    from editio.validate import rules as rules_mod
    from editio.validate import runner

    spent: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)

    def timed(label, fn, consume=False):
        def wrapper(*a, **k):
            t = time.perf_counter()
            try:
                out = fn(*a, **k)
                if consume:
                    out = list(out) if out is not None else []
                return out
            finally:
                spent[label] += time.perf_counter() - t
                calls[label] += 1

        return wrapper

    runner.read_xml = timed("read_xml (parse + safety checks)", runner.read_xml)
    runner.Validator._check_schema = timed("RelaxNG (_check_schema)", runner.Validator._check_schema)
    context_mod.Context.add = timed("Context.add (id index)", context_mod.Context.add)
    original_all_rules = rules_mod.all_rules

    def all_rules():
        out = []
        for r in original_all_rules():
            changes = {}
            if r.check:
                changes["check"] = timed(f"{r.id} check  {r.title}", r.check, consume=True)
            if r.finish:
                changes["finish"] = timed(f"{r.id} finish {r.title}", r.finish, consume=True)
            out.append(dataclasses.replace(r, **changes) if changes else r)
        return out

    runner.all_rules = all_rules

    # a project with an editio.toml (a real corpus) is validated as `editio validate` would, its sources
    config = load(corpus / "editio.toml") if (corpus / "editio.toml").is_file() else Config(root=corpus)
    folders = [config.path(s) for s in config.sources] if (corpus / "editio.toml").is_file() else [corpus / "tei"]
    files = sorted(f for folder in folders for f in folder.rglob("*.xml"))
    t = time.perf_counter()
    for f in files:
        etree.parse(str(f))
    floor = time.perf_counter() - t

    profiler = None
    if pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
    t = time.perf_counter()
    report = runner.validate(folders, config)
    total = time.perf_counter() - t
    if profiler:
        profiler.stop()
    return total, floor, spent, calls, report, len(files), profiler


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path)
    ap.add_argument("--letters", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--pyinstrument", action="store_true", help="also print a sampling profile (pip install pyinstrument)")
    args = ap.parse_args(argv)
    corpus = args.corpus
    if corpus is None:
        import generate

        corpus = args.keep or Path(tempfile.mkdtemp(prefix="editio-profile-"))
        generate.generate(corpus, args.letters, args.seed)
    total, floor, spent, calls, report, n, profiler = instrumented_validate(corpus, args.pyinstrument)
    print(f"$ python bench/profile_validate.py {' '.join(argv if argv is not None else sys.argv[1:])}")
    print(f"{n} files validated in {total:.2f} s ({n / total:.0f} files/s); bare etree.parse of the same files {floor:.2f} s "
          f"(validation = {total / floor:.1f}x the floor); {len(report.diagnostics)} findings")
    accounted = sum(spent.values())
    width = max(len(k) for k in spent)
    print(f"{'part':<{width}}  {'s':>7}  {'share':>6}  {'calls':>6}  {'ms/call':>8}")
    for label, s in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{label:<{width}}  {s:7.2f}  {s / total:6.1%}  {calls[label]:6d}  {1000 * s / calls[label]:8.2f}")
    print(f"{'(runner loop, discover, sorting, not attributed)':<{width}}  {total - accounted:7.2f}  {(total - accounted) / total:6.1%}")
    if profiler:
        print(profiler.output_text(unicode=False, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
