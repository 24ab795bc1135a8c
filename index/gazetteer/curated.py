"""Source 4: the curated tables in ``curated/`` for what no package has: people, organisations,
weapon systems and their aliases, extra places (areas, landmarks), renames. See ``curated/README.md``."""

from __future__ import annotations

import csv
import logging
import re
from collections import defaultdict
from pathlib import Path

from ..names.spelling import normalize
from .drafts import _HAS_CYRILLIC, Draft

log = logging.getLogger(__name__)

CURATED_DIR = Path(__file__).resolve().parent / "curated"


def read_table(name: str) -> list[dict[str, object]]:
    """Rows of a curated TSV: ``#`` comments skipped, ``-`` empty, ``|`` splits multi-value columns.

    A multi-value column (``names``, ``stems``…) comes back as a list, every
    other column as a string. A missing table is an empty one.
    """
    path = CURATED_DIR / name
    if not path.exists():
        log.warning("gazetteer: %s not found, skipped", path)
        return []
    multi = {"names", "short_names", "stems", "former_names", "region", "needs_context", "geonames_admin1"}
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    rows = []
    for cells in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        rows.append([cell.strip() for cell in cells])
    if not rows:
        return []
    header, out = rows[0], []
    for cells in rows[1:]:
        row: dict[str, object] = {}
        for col, value in zip(header, cells + [""] * (len(header) - len(cells))):
            value = "" if value == "-" else value
            if col in multi:
                row[col] = [v.strip() for v in value.split("|") if v.strip() and v.strip() != "-"]
            else:
                row[col] = value
        out.append(row)
    return out



class Curated:
    """The curated tables, as a part of :class:`~.build.Builder`."""

    def _add_names(self, draft: Draft, names, short=()) -> None:
        for name in names:
            if _HAS_CYRILLIC.search(name):
                draft.add_cyrillic(name)
            else:
                draft.add(name, "alternate")
        for name in short:
            if _HAS_CYRILLIC.search(name):
                draft.add_cyrillic(name, "short")
            else:
                draft.add(name, "short")

    @staticmethod
    def _context(row, draft: Draft) -> list[str]:
        """needs_context: a yes/no flag (all spellings) or the spellings that need it."""
        values = row.get("needs_context", [])
        if not values:
            return []
        flags = {normalize(v) for v in values}
        if flags & {"yes", "y", "true", "1", "x"}:
            return list(draft.spellings)
        if flags <= {"no", "n", "false", "0"}:
            return []
        return [normalize(v) for v in values]

    def build_curated(self) -> None:
        for row in read_table("people.tsv"):
            draft = self.new(row["id"], "person", row["label"], country=row.get("country", ""),
                             detail=row.get("role", ""))
            self._add_names(draft, row.get("names", []), row.get("short_names", []))
        for row in read_table("organizations.tsv"):
            draft = self.new(row["id"], "organization", row["label"])
            self._add_names(draft, row.get("names", []), row.get("short_names", []))
            draft.needs_context += self._context(row, draft)
        for row in read_table("weapons.tsv"):
            draft = self.new(row["id"], "weapon", row["label"], detail=row.get("category", ""))
            self._add_names(draft, row.get("names", []), row.get("short_names", []))
            draft.needs_context += self._context(row, draft)
        for row in read_table("places_extra.tsv"):
            regions = row.get("region", [])
            if isinstance(regions, str):
                regions = [regions]
            draft = self.new(row["id"], "place", row["label"], level=row.get("level", "") or "area",
                             region=tuple(regions), country=row.get("country", ""))
            self._add_names(draft, row.get("names", []))

    def build_renames(self) -> None:
        by_label: dict[str, list[Draft]] = defaultdict(list)
        for draft in self.drafts.values():
            if draft.kind == "place" and (draft.country == "UA" or draft.id.startswith("region:UA")):
                by_label[normalize(draft.label)].append(draft)
        for row in read_table("renames.tsv"):
            candidates = by_label.get(normalize(row["label"]), [])
            wanted = re.search(r"oblast\s*=\s*(UA-\d\d)", row.get("note", ""))
            if wanted:
                candidates = [d for d in candidates if wanted.group(1) in d.region] or candidates
            if not candidates:
                log.warning("gazetteer: renames.tsv: no place labelled %r", row["label"])
                self.stats["renames unresolved"] += 1
                continue
            target = max(candidates, key=_importance)
            for name in row.get("former_names", []):
                if _HAS_CYRILLIC.search(name):
                    target.add_cyrillic(name, "renamed")
                else:
                    target.add(name, "renamed")
            note = row.get("note", "")
            if note and not target.detail.strip():
                target.detail = note
            self.stats["renames applied"] += 1


def _importance(draft: Draft) -> tuple:
    order = {"oblast": 0, "city": 1, "town": 2, "raion": 3, "village": 4, "district": 5}
    return (draft.population, -order.get(draft.level, 9))

