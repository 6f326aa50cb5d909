"""Did-you-mean: the names most like a misspelt one, among many.

difflib compares a word with every name it is given, so asking it about each pointer that
does not resolve would cost in proportion to the corpus (every id, every file of a folder).
An index sorts the names once, as written and reversed: the candidates for a word are its
neighbours in both orders, the names that share the longest start or the longest end with
it, a fixed number whatever the number of names. difflib ranks only those, so a typo
anywhere but in both the start and the end is found, at the same cost in a register of
100 entries or of 100,000.
"""

import bisect
import difflib
import heapq
import os
from pathlib import Path

NEIGHBOURS = 50  # candidates taken on each side of the word, in each order
PER_FILE = 20  # the words one file may ask about; the answers are kept for the others


class Index:
    """The names, sorted for did-you-mean; built once, asked many times."""

    def __init__(self, names):
        self.names = sorted(set(names))
        self._reversed = sorted(n[::-1] for n in self.names)
        self._answers: dict[tuple, list[str]] = {}

    def closest(self, word: str, n: int = 3, cutoff: float = 0.6) -> list[str]:
        key = (word, n, cutoff)
        if key not in self._answers:
            self._answers[key] = close_matches(word, self._candidates(word), n, cutoff)
        return self._answers[key]

    def _candidates(self, word: str) -> list[str]:
        if len(self.names) <= 4 * NEIGHBOURS:
            return self.names
        found = set(_around(self.names, word))
        found.update(name[::-1] for name in _around(self._reversed, word[::-1]))
        return sorted(found)


def close_matches(word: str, candidates, n: int, cutoff: float) -> list[str]:
    """difflib.get_close_matches(word, candidates, n, cutoff), the same answer, with fewer ratios.

    difflib's ratio is 2M/T (M characters matched, T both lengths); it takes a candidate whose
    quick_ratio, ratio's bound from the characters they have in common, is at least cutoff,
    and then its ratio too. Here a cheaper bound comes first: a candidate has no more
    characters in common with word than it has characters that occur in word at all (counted
    in C by str.translate), nor than word's length. And once n candidates are found, the
    bar is the n-th best ratio, which a candidate must reach to be among the n.
    """
    absent = dict.fromkeys(map(ord, word))  # translate() deletes word's characters
    lw = len(word)
    bar, best, matcher = cutoff, [], None
    for x in candidates:
        total = len(x) + lw
        if total and 2.0 * min(len(x) - len(x.translate(absent)), lw) / total < bar:
            continue
        if matcher is None:
            matcher = difflib.SequenceMatcher()
            matcher.set_seq2(word)
        matcher.set_seq1(x)
        if matcher.real_quick_ratio() >= bar and matcher.quick_ratio() >= bar:
            score = matcher.ratio()
            if score >= bar:
                (heapq.heappush if len(best) < n else heapq.heappushpop)(best, (score, x))
                if len(best) == n:
                    bar = max(cutoff, best[0][0])
    return [x for _, x in heapq.nlargest(n, best)]


def _around(ordered: list[str], word: str) -> list[str]:
    at = bisect.bisect_left(ordered, word)
    return ordered[max(at - NEIGHBOURS, 0):at + NEIGHBOURS]


class Suggestions:
    """The indexes of one build (or validation run): of id collections, kept while the
    collection keeps its size, and of folders' file names, listed once."""

    def __init__(self):
        self._indexes: dict[int, tuple[object, int, Index]] = {}
        self._folders: dict[Path, tuple[Index, set[str]] | None] = {}

    def among(self, names) -> Index:
        """The index of a collection of names (a dict or set of ids) as it is now."""
        kept = self._indexes.get(id(names))
        if kept is None or kept[0] is not names or kept[1] != len(names):
            kept = self._indexes[id(names)] = (names, len(names), Index(names))
            while len(self._indexes) > 16:
                del self._indexes[next(iter(self._indexes))]
        return kept[2]

    def files_in(self, folder: Path) -> Index | None:
        """The index of the names of the files in folder (None when it cannot be listed)."""
        listed = self._listing(folder)
        return listed[0] if listed is not None else None

    def exists(self, path: Path) -> bool:
        """Whether path names a file or folder, from its folder's listing (read once)."""
        listed = self._listing(path.parent)
        return path.name in listed[1] if listed is not None else path.exists()

    def _listing(self, folder: Path) -> tuple[Index, set[str]] | None:
        if folder not in self._folders:
            try:
                with os.scandir(folder) as entries:
                    found = [(e.name, e.is_file()) for e in entries]
            except OSError:
                self._folders[folder] = None
            else:
                self._folders[folder] = (Index(n for n, is_file in found if is_file), {n for n, _ in found})
        return self._folders[folder]


class Budget:
    """The did-you-mean questions one file may still ask (PER_FILE), so that a letter with
    thousands of pointers that do not resolve costs no more than one with twenty. The
    count is the file's own: the same file gets the same hints however the corpus is split
    between processes."""

    def __init__(self, limit: int = PER_FILE):
        self.left = limit
        self._asked: set[str] = set()

    def allows(self, word: str) -> bool:
        if word in self._asked:
            return True
        if self.left <= 0:
            return False
        self.left -= 1
        self._asked.add(word)
        return True
