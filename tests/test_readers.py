"""Readers: every supported format, every kind of bad input, and dates."""

import json
from pathlib import Path

import pytest

from frontline.index.readers.dates import DateError, normalize_date
from frontline.index.readers.documents import Document, Problem
from frontline.index.readers import iter_files, read_file, split_headline


def read_paths(paths):
    """(file, item) for every file below paths, as the indexer reads them."""
    for path, rel in iter_files(paths):
        for item in read_file(path, rel):
            yield path, item


def write(root: Path, files: dict) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def read(root: Path, files: dict | None = None):
    """(documents by id, problems as strings) for everything below root."""
    if files:
        write(root, files)
    docs, problems = {}, []
    for _, item in read_paths([root]):
        if isinstance(item, Document):
            assert item.id not in docs, f"duplicate id {item.id}"
            docs[item.id] = item
        else:
            assert isinstance(item, Problem)
            problems.append(str(item))
    return docs, problems


# --- plain text and markdown -------------------------------------------------


def test_txt_short_first_line_and_blank_line_is_the_headline(tmp_path):
    docs, problems = read(tmp_path, {"a.txt": "Shelling hits Kharkiv market\n\nAt least four people were killed.\n"})
    assert problems == []
    assert docs["a.txt"].title == "Shelling hits Kharkiv market"
    assert docs["a.txt"].text == "At least four people were killed."
    assert docs["a.txt"].path == "a.txt"


def test_txt_headline_followed_by_byline(tmp_path):
    text = "Strikes on Kyiv overnight\nBy Stefan J. Bos\nRussia launched drones at the capital.\n"
    docs, _ = read(tmp_path, {"a.txt": text})
    assert docs["a.txt"].title == "Strikes on Kyiv overnight"
    assert docs["a.txt"].text.startswith("By Stefan J. Bos\nRussia launched")


@pytest.mark.parametrize(
    "text",
    [
        # first line is a sentence
        "Kyiv Mayor Vitali Klitschko confirmed that two buildings were hit.\n\nMore text follows here.\n",
        # short line, but the next line is text, not blank and not a byline
        "Strikes on Kyiv overnight\nRussia launched drones at the capital.\n",
        # a single line only
        "Strikes on Kyiv overnight",
        # too long to be a headline
        ("word " * 40).strip() + "\n\nBody.\n",
    ],
    ids=["sentence", "no-blank-line", "one-line", "too-long"],
)
def test_txt_without_headline_has_no_title(tmp_path, text):
    docs, problems = read(tmp_path, {"a.txt": text})
    assert problems == []
    assert docs["a.txt"].title == ""
    assert docs["a.txt"].text == text.strip()


def test_split_headline_strips_bom():
    assert split_headline("\ufeffHeadline\n\nBody") == ("Headline", "Body")


@pytest.mark.parametrize(
    "text, title",
    [
        ("# Drone attack on Odesa\n\nThe port was hit twice.\n", "Drone attack on Odesa"),
        ("# Drone attack on Odesa\nThe port was hit twice.\n", "Drone attack on Odesa"),
        ("# What happened in Bucha?\n\nThe port was hit twice.\n", "What happened in Bucha?"),
        ("Drone attack on Odesa\n\nThe port was hit twice.\n", "Drone attack on Odesa"),
    ],
    ids=["blank-line", "no-blank-line", "question", "no-hash"],
)
def test_md_heading_is_the_title(tmp_path, text, title):
    docs, problems = read(tmp_path, {"notes.md": text})
    assert problems == []
    assert docs["notes.md"].title == title
    assert docs["notes.md"].text == "The port was hit twice."


def test_md_without_heading_has_no_title(tmp_path):
    docs, _ = read(tmp_path, {"notes.md": "The port was hit twice.\nNobody was hurt.\n"})
    assert docs["notes.md"].title == ""
    assert docs["notes.md"].text == "The port was hit twice.\nNobody was hurt."


def test_txt_with_windows_line_endings(tmp_path):
    docs, _ = read(tmp_path, {"a.txt": "Shelling hits Kharkiv market\r\n\r\nAt least four people were killed.\r\n"})
    assert docs["a.txt"].title == "Shelling hits Kharkiv market"
    assert docs["a.txt"].text.strip() == "At least four people were killed."


# --- JSON ----------------------------------------------------------------------


def test_json_single_object_uses_file_name_as_id(tmp_path):
    record = {"title": "Kherson liberated", "date": "2022-11-11", "source": "Reuters",
              "url": "https://example.org/k", "text": "Ukrainian troops entered Kherson."}
    docs, problems = read(tmp_path, {"one.json": json.dumps(record)})
    assert problems == []
    doc = docs["one.json"]
    assert (doc.title, doc.date, doc.source, doc.url, doc.text) == (
        "Kherson liberated", "2022-11-11", "Reuters", "https://example.org/k", "Ukrainian troops entered Kherson.")


def test_json_list_gets_numbered_ids_and_own_id_wins(tmp_path):
    records = [
        {"title": "First", "text": "first text"},
        {"id": "reuters-42", "text": "second text"},
        {"headline": "Third", "body": "third text", "published": "June 5, 2022"},
    ]
    docs, problems = read(tmp_path, {"list.json": json.dumps(records)})
    assert problems == []
    assert sorted(docs) == ["list.json#1", "list.json#3", "reuters-42"]
    assert docs["list.json#1"].title == "First"
    assert docs["reuters-42"].text == "second text"
    assert (docs["list.json#3"].title, docs["list.json#3"].text, docs["list.json#3"].date) == (
        "Third", "third text", "2022-06-05")


def test_malformed_json_file_is_reported_with_line(tmp_path):
    docs, problems = read(tmp_path, {"bad.json": '{"text": "ok",\n  "title": }\n', "good.txt": "Some text."})
    assert list(docs) == ["good.txt"]
    assert len(problems) == 1
    assert problems[0].startswith("bad.json:2: malformed JSON")


def test_json_that_is_not_an_object_is_reported(tmp_path):
    docs, problems = read(tmp_path, {"nums.json": "[1, 2]"})
    assert docs == {}
    assert problems == ["nums.json:1: expected a JSON object, found int; skipped",
                        "nums.json:2: expected a JSON object, found int; skipped"]


def test_jsonl_ids_are_line_numbers(tmp_path):
    lines = [json.dumps({"text": "alpha"}), "", json.dumps({"text": "gamma", "id": "own-id"}),
             json.dumps({"text": "delta"})]
    docs, problems = read(tmp_path, {"feed.jsonl": "\n".join(lines) + "\n"})
    assert problems == []
    assert sorted(docs) == ["feed.jsonl#1", "feed.jsonl#4", "own-id"]
    assert docs["feed.jsonl#4"].text == "delta"


def test_jsonl_malformed_line_names_file_and_line_and_neighbours_survive(tmp_path):
    lines = [json.dumps({"text": "before the bad line"}), '{"text": "broken', json.dumps({"text": "after it"})]
    docs, problems = read(tmp_path, {"feed.jsonl": "\n".join(lines)})
    assert sorted(docs) == ["feed.jsonl#1", "feed.jsonl#3"]
    assert docs["feed.jsonl#3"].text == "after it"
    assert len(problems) == 1
    assert problems[0].startswith("feed.jsonl:2: malformed JSON line")


def test_record_without_text_is_reported(tmp_path):
    lines = [json.dumps({"title": "Only a title"}), json.dumps({"text": "   "}), json.dumps({"text": "real"})]
    docs, problems = read(tmp_path, {"feed.jsonl": "\n".join(lines)})
    assert list(docs) == ["feed.jsonl#3"]
    assert problems == ["feed.jsonl:1: record has no text; skipped", "feed.jsonl:2: record has no text; skipped"]


def test_unparseable_date_is_reported_and_left_empty(tmp_path):
    docs, problems = read(tmp_path, {"feed.jsonl": json.dumps({"text": "t", "date": "yesterday"})})
    assert docs["feed.jsonl#1"].date == ""
    assert len(problems) == 1
    assert problems[0].startswith("feed.jsonl:1: date 'yesterday' not understood")
    assert problems[0].endswith("left empty")


def test_ambiguous_date_is_reported_not_guessed(tmp_path):
    docs, problems = read(tmp_path, {"feed.jsonl": json.dumps({"text": "t", "date": "03/04/2022"})})
    assert docs["feed.jsonl#1"].date == ""
    assert len(problems) == 1
    assert "03/04/2022" in problems[0] and "ambiguous" in problems[0]
    assert problems[0].startswith("feed.jsonl:1:")


# --- CSV ---------------------------------------------------------------------------


def test_csv_standard_columns(tmp_path):
    text = (
        "id,title,date,source,url,text\n"
        'c1,"Strike on Odesa, port hit",2022-06-25,Reuters,https://example.org/1,"Missiles hit the port.\nSilos burned."\n'
        "c2,Plain,\"Sat, 25 Jun 2022 10:00:00 +0000\",AP,https://example.org/2,Plain text here\n"
    )
    docs, problems = read(tmp_path, {"data.csv": text})
    assert problems == []
    assert sorted(docs) == ["c1", "c2"]
    c1 = docs["c1"]
    assert (c1.title, c1.date, c1.source, c1.url) == ("Strike on Odesa, port hit", "2022-06-25", "Reuters",
                                                       "https://example.org/1")
    assert c1.text == "Missiles hit the port.\nSilos burned."
    assert docs["c2"].date == "2022-06-25"


def test_csv_semicolon_delimited_with_synonym_columns(tmp_path):
    text = (
        "headline;body;published\n"
        "Shelling, again;Shelling in Kharkiv, officials said, damaged three buildings.;June 5, 2022\n"
        "Quiet day;No reports, no sirens.;2022-06-06\n"
    )
    docs, problems = read(tmp_path, {"data.csv": text})
    assert problems == []
    assert sorted(docs) == ["data.csv#1", "data.csv#2"]
    first = docs["data.csv#1"]
    assert (first.title, first.text, first.date) == (
        "Shelling, again", "Shelling in Kharkiv, officials said, damaged three buildings.", "2022-06-05")
    assert docs["data.csv#2"].text == "No reports, no sirens."


def test_csv_row_without_text_is_reported_with_its_line(tmp_path):
    text = "id,title,text\nr1,Has text,body one\nr2,No text,\nr3,Also text,body three\n"
    docs, problems = read(tmp_path, {"data.csv": text})
    assert sorted(docs) == ["r1", "r3"]
    assert problems == ["data.csv:3: record has no text; skipped"]


# --- HTML --------------------------------------------------------------------------

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Shelling hits Kharkiv market | Example News</title>
<meta property="og:title" content="Shelling hits Kharkiv market">
<meta name="date" content="2022-06-25"></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>
<article>
<h1>Shelling hits Kharkiv market</h1>
<p>Russian artillery shelled a crowded market in Kharkiv on Saturday morning, killing at least four people
and wounding a dozen more, regional governor Oleh Syniehubov said in a statement.</p>
<p>Emergency crews worked through the afternoon to put out fires that spread to nearby apartment buildings,
and residents were evacuated from the surrounding streets while firefighters contained the blaze.</p>
<p>The city, Ukraine's second largest, has been under near-constant bombardment since the start of the
full-scale invasion, and officials urged people to stay in shelters.</p>
</article>
<footer>Copyright 2022 Example News. All rights reserved. Privacy policy. Cookie settings.</footer>
</body></html>
"""


def test_html_title_and_main_text_without_boilerplate(tmp_path):
    docs, problems = read(tmp_path, {"page.html": ARTICLE_HTML})
    assert problems == []
    doc = docs["page.html"]
    assert doc.title == "Shelling hits Kharkiv market"
    assert doc.date == "2022-06-25"
    assert "Russian artillery shelled a crowded market in Kharkiv" in doc.text
    assert "officials urged people to stay in shelters" in doc.text
    for boilerplate in ("Subscribe to our newsletter", "Home", "Cookie settings", "All rights reserved"):
        assert boilerplate not in doc.text


def test_html_without_article_text_is_reported(tmp_path):
    docs, problems = read(tmp_path, {"empty.html": "<html><head><title>Menu</title></head><body><script>var a = 1;</script></body></html>"})
    assert docs == {}
    assert problems == ["empty.html: no article text found in HTML; skipped"]


# --- folders -------------------------------------------------------------------------


def test_folder_walk_is_recursive_sorted_skips_hidden_and_reports_every_file_it_cannot_read(tmp_path):
    write(tmp_path, {
        "b.txt": "Text b.",
        "a.md": "Text a.",
        "sub/deeper/c.jsonl": json.dumps({"text": "c"}),
        "sub/d.csv": "text\nd\n",
        "e.htm": ARTICLE_HTML,
        ".hidden.txt": "Hidden text.",
        ".git/config.txt": "Inside a hidden folder.",
        "sub/.cache/x.json": json.dumps({"text": "hidden"}),
        "scan.pdf": b"%PDF-1.4 binary",
        "notes.docx": b"PK\x03\x04",
        "README": "No extension, but plain text.",
        "data.xml": "<doc>text</doc>",
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
        "blob": b"\x00\x01\x02\x03 binary",
    })
    files = [rel for _, rel in iter_files([tmp_path])]
    assert files == ["README", "a.md", "b.txt", "blob", "data.xml", "e.htm", "notes.docx", "photo.jpg", "scan.pdf",
                     "sub/d.csv", "sub/deeper/c.jsonl"]
    docs, problems = read(tmp_path)
    assert sorted(docs) == ["README", "a.md", "b.txt", "e.htm", "sub/d.csv#1", "sub/deeper/c.jsonl#1"]
    reasons = {p.split(":")[0]: p.split(": ", 1)[1] for p in problems}
    assert reasons["photo.jpg"] == "unsupported type image/jpeg; skipped"
    assert reasons["data.xml"] == "unsupported type application/xml; skipped"
    assert reasons["blob"].startswith("unsupported type (unrecognised binary data)")
    assert reasons["scan.pdf"].startswith("unreadable PDF")
    assert reasons["notes.docx"].startswith("unreadable Word document")
    assert len(problems) == 5


def test_single_file_argument_is_read_by_name(tmp_path):
    write(tmp_path, {"sub/report.txt": "Headline\n\nBody."})
    docs = {}
    for _, item in read_paths([tmp_path / "sub" / "report.txt"]):
        docs[item.id] = item
    assert list(docs) == ["report.txt"]


def test_unsupported_file_named_on_its_own_is_reported_with_its_type(tmp_path):
    write(tmp_path, {"slides.pptx": b"PK\x03\x04"})
    items = [item for _, item in read_paths([tmp_path / "slides.pptx"])]
    assert len(items) == 1 and isinstance(items[0], Problem)
    assert str(items[0]) == ("slides.pptx: unsupported type "
                             "application/vnd.openxmlformats-officedocument.presentationml.presentation; skipped")
    assert items[0].reason.startswith("unsupported type application/vnd.openxmlformats")


def test_json_lines_saved_as_json_are_read_as_lines(tmp_path):
    docs, problems = read(tmp_path, {"feed.json": '{"text": "one"}\n{"text": "two"}\n'})
    assert problems == []
    assert sorted(docs) == ["feed.json#1", "feed.json#2"]


def test_tsv_is_read_like_csv(tmp_path):
    docs, problems = read(tmp_path, {"data.tsv": "id\ttitle\ttext\nt1\tTab title\tTab, separated body\n"})
    assert problems == []
    assert (docs["t1"].title, docs["t1"].text) == ("Tab title", "Tab, separated body")


# --- bad bytes -------------------------------------------------------------------------


def test_binary_file_is_reported_by_name(tmp_path):
    docs, problems = read(tmp_path, {"scan.txt": b"%PDF-1.4\x00\x00\x01\x02binary", "ok.txt": "Fine."})
    assert list(docs) == ["ok.txt"]
    assert problems == ["scan.txt: binary file (NUL bytes); skipped"]


def test_utf16_with_bom_is_not_mistaken_for_binary(tmp_path):
    docs, problems = read(tmp_path, {"u16.txt": "Headline\n\nKyiv report.".encode("utf-16")})
    assert "u16.txt" in docs
    assert "Kyiv report." in docs["u16.txt"].text
    assert not any("binary" in p for p in problems)


CYRILLIC = "Обстріл Харкова\n\nУ Харкові вночі пролунали вибухи, повідомив міський голова Ігор Терехов.\n"


def test_cp1251_file_is_decoded_with_a_note(tmp_path):
    docs, problems = read(tmp_path, {"cp.txt": CYRILLIC.encode("cp1251")})
    assert docs["cp.txt"].title == "Обстріл Харкова"
    assert "повідомив міський голова Ігор Терехов" in docs["cp.txt"].text
    assert len(problems) == 1
    assert problems[0].startswith("cp.txt: not valid UTF-8 (first bad byte on line 1); decoded as ")


def test_empty_files_are_reported(tmp_path):
    docs, problems = read(tmp_path, {"a.txt": "", "b.jsonl": "\n\n", "c.json": "  ", "d.csv": "", "e.md": " \n"})
    assert docs == {}
    assert problems == [f"{name}: empty file; skipped" for name in ("a.txt", "b.jsonl", "c.json", "d.csv", "e.md")]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("2022-06-25", "2022-06-25"),
        ("2022-06-25T14:30:00Z", "2022-06-25"),
        ("June 5, 2022", "2022-06-05"),
        ("5 June 2022", "2022-06-05"),
        ("Sat, 25 Jun 2022 10:00:00 +0000", "2022-06-25"),
        ("25.06.2022", "2022-06-25"),
        ("13/04/2022", "2022-04-13"),
        ("04/13/2022", "2022-04-13"),
        ("03/03/2022", "2022-03-03"),
        ("June 2022", "2022-06"),
        ("2022", "2022"),
        ("1656115200", "2022-06-25"),
    ],
)
def test_dates_normalised_to_iso(raw, iso):
    assert normalize_date(raw) == iso


@pytest.mark.parametrize(
    "raw, reason",
    [("yesterday", r".+"), ("03/04/2022", "ambiguous"), ("June 5", "no year"), ("1066-10-14", "out of range")],
)
def test_bad_dates_are_refused(raw, reason):
    with pytest.raises(DateError, match=reason):
        normalize_date(raw)


# --- streamed reading: JSON Lines line by line, large texts in pieces --------------------------


def test_jsonl_is_streamed_with_progress_in_bytes_and_a_bad_encoding_reported_once(tmp_path):
    lines = [json.dumps({"text": "first"}).encode(), json.dumps({"text": "Харків"}, ensure_ascii=False).encode("cp1251"),
             json.dumps({"text": "Київ"}, ensure_ascii=False).encode("cp1251"), json.dumps({"text": "last"}).encode()]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    progress = []
    items = list(read_file(path, "feed.jsonl", progress.append))
    docs = [i for i in items if isinstance(i, Document)]
    problems = [str(i) for i in items if isinstance(i, Problem)]
    assert [d.id for d in docs] == ["feed.jsonl#1", "feed.jsonl#2", "feed.jsonl#3", "feed.jsonl#4"]
    assert docs[0].text == "first" and docs[3].text == "last"
    assert len(problems) == 1 and problems[0].startswith("feed.jsonl:2: not valid UTF-8")
    assert progress == sorted(progress) and progress[-1] == path.stat().st_size and len(set(progress)) == 4


def test_large_text_is_read_in_pieces_cut_at_paragraphs(tmp_path, monkeypatch):
    import frontline.index.readers as readers

    monkeypatch.setattr(readers.text, "LARGE_TEXT", 2000)
    monkeypatch.setattr(readers.text, "TEXT_PIECE", 1000)
    paragraphs = [f"Paragraph {n} reports shelling near Kharkiv and Izium overnight; officials counted damage." * 2
                  for n in range(40)]
    path = tmp_path / "book.txt"
    path.write_text("Shelling of Kharkiv\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    progress = []
    docs = list(read_file(path, "book.txt", progress.append))
    assert all(isinstance(d, Document) for d in docs) and len(docs) > 5
    assert [d.id for d in docs] == [f"book.txt#{n}" for n in range(1, len(docs) + 1)]
    assert docs[0].title == "Shelling of Kharkiv (part 1)" and docs[-1].title == f"Shelling of Kharkiv (part {len(docs)})"
    # Every paragraph whole in exactly one piece, in order; nothing lost.
    pieces = [d.text.split("\n\n") for d in docs]
    assert [p for piece in pieces for p in piece] == paragraphs
    assert progress[-1] == path.stat().st_size


@pytest.mark.parametrize("text", ["Обстріл Харкова тривав усю ніч " * 30, "Харків😀" * 200])
def test_large_text_without_line_breaks_is_cut_between_characters(tmp_path, monkeypatch, text):
    import frontline.index.readers as readers

    monkeypatch.setattr(readers.text, "LARGE_TEXT", 100)
    monkeypatch.setattr(readers.text, "TEXT_PIECE", 101)  # odd: a cut at a byte count would split a letter
    path = tmp_path / "line.txt"
    path.write_text(text, encoding="utf-8")
    items = list(read_file(path, "line.txt"))
    assert not [i for i in items if isinstance(i, Problem)]
    assert "".join(d.text for d in items).replace(" ", "") == text.replace(" ", "")


def test_reading_a_large_jsonl_keeps_memory_bounded(tmp_path):
    """A 60 MB JSON Lines file is read with memory for one line at a time (the whole file decoded at
    once took four times its size)."""
    import subprocess
    import sys

    path = tmp_path / "big.jsonl"
    record = json.dumps({"title": "Report", "text": "Shelling in Kharkiv 😀 " * 150}, ensure_ascii=False)
    with path.open("w", encoding="utf-8") as out:
        for _ in range(60 * 2**20 // len(record)):
            out.write(record + "\n")
    script = ("import resource, sys; from pathlib import Path; from frontline.index.readers import read_file; "
              "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
              "n = sum(1 for _ in read_file(Path(sys.argv[1]), 'big.jsonl')); "
              "print(n, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) // 1024)")
    count, grown_mb = map(int, subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                                              text=True, check=True).stdout.split())
    assert count == 60 * 2**20 // len(record)
    assert grown_mb < 30
