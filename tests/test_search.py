"""Searching: query syntax and its errors, ranking, snippets, paging, sorting, the seed corpus."""

import json
import re

import pytest

from frontline.search.engine import Engine, IndexMissingError, SearchRequest
from frontline.search.query import QuerySyntaxError

from conftest import CORPUS, Corpus, search_index

NEWS = [
    {"id": "k1", "title": "Shelling in Kharkiv", "date": "2022-05-01",
     "text": "Artillery shelled the northern districts of Kharkiv overnight. Two people were wounded."},
    {"id": "k2", "title": "Grain deal signed", "date": "2022-07-22",
     "text": "Ukraine and Russia signed a grain deal in Istanbul; ships will leave Odesa."},
    {"id": "k3", "title": "Drone attack", "date": "2022-10-10",
     "text": "Drones struck energy infrastructure near Kharkiv and Odesa on Monday."},
    {"id": "k4", "title": "Counteroffensive", "date": "2022-09-08",
     "text": "Ukrainian forces liberated Balakliia in Kharkiv region."},
    {"id": "k5", "title": "Bridge explosion", "date": "2022-10-08",
     "text": "An explosion damaged the Crimean bridge. Traffic resumed later."},
    {"id": "k6", "title": "Evening report",
     "text": "The air raid siren sounded in Odesa. No damage was reported."},
    {"id": "k7", "title": "Exports stall", "date": "2022-11-02",
     "text": "The deal on grain exports stalled as inspections slowed."},
]


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> Corpus:
    root = tmp_path_factory.mktemp("news")
    corpus = Corpus(root=root / "docs", index_dir=root / "index")
    corpus.root.mkdir()
    corpus.write({"news.jsonl": "".join(json.dumps(r) + "\n" for r in NEWS)})
    corpus.index()
    assert corpus.summary.added == len(NEWS) and corpus.problems == []
    return corpus


# --- query syntax -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "q, expected",
    [
        ("Kharkiv", {"k1", "k3", "k4"}),
        ("kharkiv", {"k1", "k3", "k4"}),
        ("Kharkiv Odesa", {"k3"}),  # AND is the default
        ("Kharkiv AND Odesa", {"k3"}),
        ("Kharkiv OR Crimean", {"k1", "k3", "k4", "k5"}),
        ("Odesa NOT Kharkiv", {"k2", "k6"}),
        ("Odesa -Kharkiv", {"k2", "k6"}),
        ("grain deal", {"k2", "k7"}),
        ('"grain deal"', {"k2"}),  # the phrase needs the words together and in order
        ('"deal grain"', set()),
        ("title:Kharkiv", {"k1"}),
        ("TITLE:Kharkiv", {"k1"}),
        ("text:Kharkiv", {"k1", "k3", "k4"}),
        ("body:Kharkiv", {"k1", "k3", "k4"}),
        ("id:k5", {"k5"}),
        ("(Kharkiv OR Crimean) explosion", {"k5"}),
        ("(Kharkiv OR Istanbul) -Odesa", {"k1", "k4"}),
        ("shelling", {"k1"}),  # stemmed: shelling ~ shelled
        ("drone", {"k3"}),  # drone ~ Drones
        ("Zaporizhzhia", set()),
    ],
)
def test_query_syntax(news, q, expected):
    result = news.search(q, limit=100)
    assert {hit["id"] for hit in result["hits"]} == expected
    assert result["total"] == len(expected)


def test_field_with_phrase(news):
    assert [hit["id"] for hit in news.search('title:"grain deal"')["hits"]] == ["k2"]


@pytest.mark.parametrize(
    "q, message",
    [
        ('"grain deal', "unclosed quote at character 1"),
        ('Kharkiv "grain deal', "unclosed quote at character 9"),
        ("(Kharkiv OR Odesa", "unclosed '('"),
        ("Kharkiv OR Odesa)", "')' at character 17 closes nothing"),
        ("Kharkiv AND", "'AND' needs a word on both sides"),
        ("OR Kharkiv", "'OR' needs a word on both sides"),
        ("Kharkiv NOT", "'NOT' needs a word on both sides"),
        ("Kharkiv AND OR Odesa", "'AND OR': two operators in a row"),
        ("title:", "'title:' needs a value"),
        ("date:[2023 TO 2022]", "starts (2023) after it ends (2022)"),
        ("date:someday", "'someday' is no date"),
        ("Kharkiv " * 1000, "at most 2,000 are read"),
    ],
)
def test_query_errors_say_what_is_wrong(news, q, message):
    with pytest.raises(QuerySyntaxError) as raised:
        news.search(q)
    assert message in str(raised.value)


def test_a_colon_after_anything_but_a_known_field_is_punctuation(news):
    # A pasted headline reads as words: "Update:" is no field.
    assert news.search("Update: Kharkiv")["total"] == news.search("Update Kharkiv")["total"]
    assert news.search("place:Kharkiv")["total"] == news.search("place Kharkiv")["total"]
    assert news.search("title: Kharkiv")["total"] == news.search("title:Kharkiv")["total"] >= 1


def test_colons_in_urls_and_quotes_are_not_fields(news):
    assert news.search('"author: Kharkiv"')["total"] == 0  # a phrase, not a field
    assert news.search("Kharkiv https://example.org")["total"] == 0  # parsed, no error




def test_empty_query_lists_every_undated_document(seed_index):
    result = search_index(seed_index, "", limit=100)
    assert result["total"] == len(list(CORPUS.glob("*.txt")))
    assert all(hit["snippets"] and "<mark>" not in hit["snippets"][0] for hit in result["hits"])


def test_empty_query_lists_every_document_newest_first(news):
    result = news.search("", limit=100)
    assert result["total"] == len(NEWS)
    dates = [hit["date"] for hit in result["hits"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[-1] == ""  # the undated report comes last
    assert [hit["id"] for hit in result["hits"]][:2] == ["k7", "k3"]


@pytest.mark.parametrize("newest, oldest", [("newest", "oldest"), ("-date", "date")])
def test_sort_newest_and_oldest_put_undated_documents_last(news, newest, oldest):
    by_newest = [hit["date"] for hit in news.search("", sort=newest, limit=100)["hits"]]
    by_oldest = [hit["date"] for hit in news.search("", sort=oldest, limit=100)["hits"]]
    dated = sorted(d for d in by_newest if d)
    assert [d for d in by_newest if d] == dated[::-1] and [d for d in by_oldest if d] == dated
    assert by_newest[-1] == by_oldest[-1] == ""  # undated last both ways
    assert news.search("Kharkiv", sort=newest)["sort"] == "newest"


def test_bad_sort_is_refused():
    with pytest.raises(ValueError, match="sort must be one of relevance, newest, oldest"):
        SearchRequest(q="x", sort="latest")


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexMissingError, match="no index at .*: run 'frontline index' first"):
        Engine(tmp_path / "nowhere")


# --- paging ---------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["Kharkiv OR Odesa OR grain",
                               ""])
def test_paging_is_consistent(news, q):
    everything = [hit["id"] for hit in news.search(q, limit=100)["hits"]]
    assert len(everything) >= 5
    pages = [news.search(q, limit=2, offset=offset) for offset in range(0, len(everything), 2)]
    assert all(page["total"] == len(everything) for page in pages)
    assert [page["offset"] for page in pages] == list(range(0, len(everything), 2))
    stitched = [hit["id"] for page in pages for hit in page["hits"]]
    assert stitched == everything
    assert len(set(stitched)) == len(stitched)
    assert news.search(q, limit=2, offset=len(everything))["hits"] == []


# --- ranking -------------------------------------------------------------------------------

FILLER = ("Officials gave an update on the situation in the region and described repairs to power lines, "
          "water supply and local roads, while volunteers delivered food and medicine to villages. ")


def test_title_match_outranks_passing_mention(make_index):
    corpus = make_index({"r.jsonl": "".join(json.dumps(r) + "\n" for r in [
        {"id": "passing", "title": "Weekly roundup",
         "text": FILLER + "A convoy also passed through Kramatorsk on Tuesday. " + FILLER},
        {"id": "about", "title": "Kramatorsk station strike",
         "text": "A missile hit the railway station as civilians waited for evacuation trains. " + FILLER},
        {"id": "unrelated", "title": "Harvest begins", "text": FILLER},
    ])})
    result = corpus.search("Kramatorsk")
    assert [hit["id"] for hit in result["hits"]] == ["about", "passing"]
    assert result["hits"][0]["score"] > result["hits"][1]["score"] > 0


def test_bm25_more_mentions_and_shorter_documents_rank_higher(make_index):
    corpus = make_index({"r.jsonl": "".join(json.dumps(r) + "\n" for r in [
        {"id": "once-long", "title": "Report", "text": FILLER * 6 + "Shelling near Avdiivka. " + FILLER * 6},
        {"id": "thrice", "title": "Report",
         "text": "Avdiivka was shelled. " + FILLER + "Avdiivka lost power. " + FILLER + "Avdiivka burns."},
        {"id": "once-short", "title": "Report", "text": "Shelling near Avdiivka. " + FILLER},
    ])})
    result = corpus.search("Avdiivka")
    assert [hit["id"] for hit in result["hits"]] == ["thrice", "once-short", "once-long"]
    scores = [hit["score"] for hit in result["hits"]]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 3



def test_a_name_scores_the_same_whichever_spelling_is_typed_or_printed(make_index):
    """Typing an article's own spelling gives it no edge over one that prints another."""
    corpus = make_index({"r.jsonl": "".join(json.dumps(r) + "\n" for r in [
        {"id": "kyiv", "title": "Report", "text": "Drones were shot down over Kyiv at night. " + FILLER},
        {"id": "kiev", "title": "Report", "text": "Drones were shot down over Kiev at night. " + FILLER},
        {"id": "cyrillic", "title": "Report", "text": "Drones were shot down over Київ at night. " + FILLER},
    ])})
    for typed in ("Kyiv", "Kiev", "Київ", "Киев"):
        scores = {hit["id"]: hit["score"] for hit in corpus.search(typed)["hits"]}
        assert set(scores) == {"kyiv", "kiev", "cyrillic"}
        assert max(scores.values()) - min(scores.values()) < 1e-6, (typed, scores)


def test_field_length_counts_words_not_the_terms_beside_names(make_index):
    """A headline in title case carries exact-form, key and entity terms beside its words; BM25's length
    normalisation must see the words only."""
    from whoosh import index as whoosh_index

    corpus = make_index({"r.jsonl": "".join(json.dumps(r) + "\n" for r in [
        {"id": "names", "title": "Kyiv Kharkiv Odesa Lviv", "text": "Kyiv and Kharkiv, Odesa and Lviv."},
        {"id": "words", "title": "four plain small words", "text": "some words and other words."},
    ])})
    with whoosh_index.open_dir(corpus.index_dir).searcher() as searcher:
        lengths = {searcher.stored_fields(n)["id"]: (searcher.doc_field_length(n, "title"),
                                                     searcher.doc_field_length(n, "text"))
                   for n in range(searcher.doc_count_all())}
    assert lengths == {"names": (4, 6), "words": (4, 5)}


def test_untitled_documents_are_searched_by_their_opening_words(make_index):
    corpus = make_index({"r.jsonl": "".join(json.dumps(r) + "\n" for r in [
        {"id": "untitled", "text": "Explosions shook Melitopol overnight, residents said. " + FILLER},
        {"id": "titled", "title": "Explosions shake Melitopol", "text": "Residents heard blasts overnight. " + FILLER},
        {"id": "passing", "title": "Weekly roundup", "text": FILLER + "Explosions were heard in Melitopol. " + FILLER},
    ])})
    result = corpus.search("explosions Melitopol")
    ranked = [hit["id"] for hit in result["hits"]]
    assert ranked[-1] == "passing" and set(ranked[:2]) == {"untitled", "titled"}
    assert result["hits"][0]["score"] == pytest.approx(result["hits"][1]["score"], rel=0.25)
    assert next(h for h in result["hits"] if h["id"] == "untitled")["title"].startswith("Explosions shook Melitopol")


# --- snippets -------------------------------------------------------------------------------


def test_snippet_marks_the_word_as_printed(news):
    hit = news.search("shelling")["hits"][0]
    assert hit["id"] == "k1"
    assert len(hit["snippets"]) == 1
    assert hit["snippets"][0].startswith("Artillery <mark>shelled</mark> the northern districts of Kharkiv")
    assert hit["snippets"][0].count("<mark>") == 1


def test_at_most_three_snippets(make_index):
    text = " ".join(f"Paragraph {n}: Bakhmut was shelled again. " + FILLER * 2 for n in range(6))
    corpus = make_index({"long.txt": text})
    snippets = corpus.search("Bakhmut")["hits"][0]["snippets"]
    assert len(snippets) == 3
    assert all(s.count("<mark>Bakhmut</mark>") >= 1 for s in snippets)
    assert all("\n" not in s for s in snippets)


HOSTILE = ("Hackers defaced the Kherson council site & posted <script>alert(1)</script> "
           'with a link <a href="x">here</a> before it went offline.')


@pytest.mark.parametrize("q", ["Kherson", "script", "alert", ""])
def test_snippets_escape_document_html(make_index, q):
    corpus = make_index({"h.jsonl": json.dumps({"id": "h", "title": "Defaced", "text": HOSTILE}) + "\n"})
    snippets = corpus.search(q)["hits"][0]["snippets"]
    assert len(snippets) == 1
    snippet = snippets[0]
    assert "<script" not in snippet and "<a href" not in snippet
    assert re.sub(r"</?mark>", "", snippet).startswith(
        "Hackers defaced the Kherson council site &amp; posted &lt;script&gt;alert(1)&lt;/script&gt; "
        'with a link &lt;a href="x"&gt;here&lt;/a&gt; before it went offline')
    if q == "script":
        assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;" in snippet
    elif q:
        assert snippet.count(f"<mark>{q}</mark>") == 1
    else:
        assert "<mark>" not in snippet


def test_title_only_match_shows_the_opening_unmarked(news):
    hit = news.search("title:Counteroffensive")["hits"][0]
    assert len(hit["snippets"]) == 1
    assert hit["snippets"][0].startswith("Ukrainian forces liberated Balakliia in Kharkiv region")
    assert "<mark>" not in hit["snippets"][0]


# --- the seed corpus ------------------------------------------------------------------------


def test_seed_corpus_kyiv(seed_index):
    with_kyiv = {p.name for p in CORPUS.glob("*.txt") if re.search(r"\bKyiv\b", p.read_text(encoding="utf-8"))}
    assert with_kyiv  # the seed corpus is about Kyiv
    result = search_index(seed_index, "Kyiv", limit=100)
    assert result["total"] == len(with_kyiv)
    assert {hit["id"] for hit in result["hits"]} == with_kyiv
    for hit in result["hits"]:
        assert any("<mark>Kyiv</mark>" in s for s in hit["snippets"]), hit["id"]
        assert len(hit["snippets"]) <= 3
    scores = [hit["score"] for hit in result["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_seed_corpus_title_and_phrase(seed_index):
    titled = search_index(seed_index, "title:Kyiv")
    # 000 and 002 have no title line: their opening words are their title, shown and searched.
    assert {h["id"]: h["title"].split()[:4] for h in titled["hits"]} == {
        "000_60fd183bd79a48d3.txt": ["Kyiv", "Mayor", "Vitali", "Klitschko"],
        "001_7e40db191626a058.txt": ["Russian", "missiles", "aim", "at"],
        "002_985ac83668d44405.txt": ["Russian", "forces", "attacked", "Kyiv"],
        "004_49ffb3c6d30f4edb.txt": ["Ukraine,", "Russia", "talks", "uncertain"],
    }
    assert search_index(seed_index, "title:Kharkiv")["total"] == 0  # 003 names Kharkiv after its title
    phrase = search_index(seed_index, '"Vitali Klitschko"')
    expected = {p.name for p in CORPUS.glob("*.txt") if "Vitali Klitschko" in p.read_text(encoding="utf-8")}
    assert {h["id"] for h in phrase["hits"]} == expected
    assert len(expected) == 2


# --- the shared corpus (skipped when ../shared is absent) ----------------------------------------


@pytest.mark.shared
def test_press_releases_search(press_releases):
    records = [json.loads(line) for line in press_releases.root.read_text(encoding="utf-8").splitlines()]
    record = records[0]
    hits = press_releases.search(f"id:{record['id']}")["hits"]
    assert [hit["id"] for hit in hits] == [record["id"]]
    assert (hits[0]["title"], hits[0]["date"], hits[0]["source"]) == (record["title"], record["date"], record["source"])
    for source in ("kremlin.ru", "president.gov.ua"):
        expected = sum(r["source"] == source for r in records)
        assert press_releases.search(f"source:{source}", limit=0)["documents"] == expected > 100
    brics = press_releases.search('"BRICS"', limit=5)
    assert brics["total"] >= 1
    assert "BRICS" in brics["hits"][0]["title"] + " ".join(brics["hits"][0]["snippets"])
