"""The entity layer and the query side on the real corpora of ../shared (skipped when it is absent).

* the hand-annotated development articles of bench/data/entities-gold.jsonl: region and person
  precision and recall at the issue's targets (the held-out split is left to ``python -m bench entities``);
* the press releases: Crimea filed about as often as the documents name it, and the most frequent
  English words finding every document that contains them.
"""

from __future__ import annotations

import pytest
from wordfreq import top_n_list

from bench.entities import TARGETS, Frontline, Score, facet_agreement, read_gold, score_article
from frontline.index.entities import EntityExtractor
from frontline.index.names.resolver import default_resolver
from frontline.search.engine import Engine
from frontline.search.query import parse_query

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def records(shared_dir) -> dict[str, dict]:
    import json

    found = {}
    for name in ("press-releases.jsonl", "gdelt-articles.jsonl", "nyt-guardian.jsonl"):
        for line in (shared_dir / "corpora" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found[str(record["id"])] = record
    return found


@pytest.fixture(scope="module")
def dev_score(records) -> Score:
    system, score = Frontline(default_resolver()), Score()
    for article in read_gold():
        if article["split"] == "dev":
            record = records[article["id"]]
            score_article(system, article, f"{record.get('title') or ''}\n\n{record['text']}", score)
    return score


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_annotated_articles_meet_the_target(dev_score, target):
    kind, measure = target.split()
    precision, recall, *_counts = dev_score.measure(kind)
    value = precision if measure == "precision" else recall
    assert value >= TARGETS[target], (target, value, [e for e in dev_score.errors if e[1] == kind])


def test_crimea_is_filed_about_as_often_as_it_is_named(records):
    releases = [r for r in records.values() if r.get("source") in ("kremlin.ru", "president.gov.ua")]
    (label, filed, named), *_rest = facet_agreement(EntityExtractor(), releases)
    assert label == "Crimea"
    assert len(filed - named) <= 0.05 * len(named), sorted(filed - named)[:10]
    assert len(named - filed) <= 0.05 * len(named), sorted(named - filed)[:10]


def test_common_words_find_every_document_that_contains_them(press_releases):
    engine = Engine(press_releases.index_dir)
    resolver = default_resolver()
    losses = []
    with engine.searcher() as searcher:
        for word in (w for w in top_n_list("en", 5000) if w.isalpha()):
            as_written = set(searcher.docs_for_query(parse_query(f"={word}", engine.ix.schema, resolver).query))
            found = set(searcher.docs_for_query(parse_query(word, engine.ix.schema, resolver).query))
            if as_written - found:
                losses.append(word)
    assert losses == []
