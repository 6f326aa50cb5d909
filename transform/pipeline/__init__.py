"""editio build: sources -> validation -> standalone letter -> builders -> output/.

1. The registers are read and checked first: every letter needs them (run.py, where one
   Build holds what the build knows: configuration, registers, cache, output folder).
2. Each letter is one job (job.py): read, validated against the registers only, made
   standalone and handed to every builder, which write its files. Jobs run in a pool
   of processes (jobs > 1) or in the main process; either way no stage holds more than
   one parsed letter.
3. A letter whose source, register entries, schema and editio are as in the last build
   is not processed again: its findings, facts and records come from the build cache
   (cache.py), once its outputs are checked to be as that build left them; what a letter
   uses is worked out in dependencies.py.
4. The finish steps (corpus-wide validation rules, registers, index, exports; finish.py)
   work on the letters' facts and records, never on the sources, and run only when
   something changed.
   A process that builds again and again (editio serve) keeps the registers as checked and
   the letters' headers as indexed from one build to the next (session.py).
5. output/manifest.json is written last (outputs.py): per output file its hash and source,
   per source its hash and the hashes of the register entries it uses. What the last
   build made and this one did not is removed.

Whatever the number of processes and whatever the cache holds, the output is the same
bytes as a clean build in one process (tests/test_incremental.py).
"""

from .outputs import OutputError, OutputFolder
from .run import BuildResult, build
from .session import Session

__all__ = ["BuildResult", "OutputError", "OutputFolder", "Session", "build"]
