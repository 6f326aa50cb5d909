"""Where each register entry occurs in the letters, on disk: the register pages list every
place every entry is mentioned, which for tens of thousands of letters is more than
should be held in memory. The occurrences go into a temporary SQLite file (the standard
library's) as the letters' records are read, and come back one entry at a time.
"""

import sqlite3
import tempfile
from pathlib import Path

from .html import Occurrence


class OccurrenceIndex:
    def __init__(self):
        self._folder = tempfile.TemporaryDirectory(prefix="editio-occurrences-")
        self._db = sqlite3.connect(Path(self._folder.name) / "occurrences.sqlite")
        self._db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE letter (slug TEXT PRIMARY KEY, undated INTEGER, sort_date TEXT, title TEXT);
            CREATE TABLE occurrence (entry TEXT, slug TEXT, seq INTEGER, anchor TEXT, label TEXT, text TEXT);
        """)

    def add(self, record) -> None:
        """A letter's record (html.LetterRecord) and its occurrences."""
        self._db.execute("INSERT INTO letter VALUES (?, ?, ?, ?)",
                         (record.slug, record.sort_date == "", record.sort_date, record.title))
        self._db.executemany("INSERT INTO occurrence VALUES (?, ?, ?, ?, ?, ?)",
                             [(o.entry, record.slug, i, o.anchor, o.label, o.text) for i, o in enumerate(record.occurrences)])

    def done(self) -> None:
        """All letters added: index the occurrences by entry."""
        self._db.execute("CREATE INDEX by_entry ON occurrence (entry)")

    def of(self, entry: str) -> list[tuple[tuple[str, str], list[Occurrence]]]:
        """The letters (slug, title) that mention the entry, by date as the list of letters
        is (html_pages._date_key; SQLite compares text by UTF-8 bytes, which is the order
        of code points, as Python does), each with its occurrences in the order of the text."""
        rows = self._db.execute(
            "SELECT l.slug, l.title, o.anchor, o.label, o.text FROM occurrence o JOIN letter l ON l.slug = o.slug "
            "WHERE o.entry = ? ORDER BY l.undated, l.sort_date, l.slug, o.seq", (entry,))
        out: list = []
        for slug, title, anchor, label, text in rows:
            if not out or out[-1][0][0] != slug:
                out.append(((slug, title), []))
            out[-1][1].append(Occurrence(entry, anchor, label, text))
        return out

    def close(self) -> None:
        self._db.close()
        self._folder.cleanup()
