#!/usr/bin/env python3
"""Where a build's memory goes: `editio build` run in this process, with the RSS of the
main process (now, and its peak so far) printed before and after each of its steps.

    python bench/memory_steps.py PROJECT [editio build options, e.g. -j 2 --force]

The peak of the worker processes is not included (bench/run's peak RSS is the largest of
all processes; a worker's RSS counts the pages it shares with the main process after the
fork). Never run as a test.
"""

import os
import sys
import time


def _rss(label: str) -> None:
    fields = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("VmRSS", "VmHWM")):
                fields[line.split(":")[0]] = int(line.split()[1]) // 1024
    print(f"{time.strftime('%H:%M:%S')} {label:<26} RSS {fields['VmRSS']:>5} MB, peak {fields['VmHWM']:>5} MB", flush=True)


def _around(owner, name: str, label: str) -> None:
    original = getattr(owner, name)

    def wrapped(*args, **kwargs):
        _rss(f"before {label}")
        try:
            return original(*args, **kwargs)
        finally:
            _rss(f"after {label}")

    setattr(owner, name, wrapped)


def main(argv: list[str]) -> None:
    from editio.cli import main as editio
    from editio.pipeline import cache, finish, outputs, run

    _around(run.Build, "_run", "the letters")  # the registers are read just before
    _around(finish.Finish, "rules", "rules' finish step")
    builder = finish.Finish.builder

    def each_builder(self, chosen, ctx):
        _rss(f"before {chosen.name}")
        try:
            return builder(self, chosen, ctx)
        finally:
            _rss(f"after {chosen.name}")

    finish.Finish.builder = each_builder
    _around(outputs.OutputFolder, "close", "manifest")
    _around(cache.Cache, "save", "cache index")
    os.chdir(argv[0])
    _rss("start")
    sys.argv = ["editio", "build", *argv[1:]]
    try:
        editio()
    except SystemExit:
        pass
    _rss("end")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
