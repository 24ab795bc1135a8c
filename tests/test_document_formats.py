"""PDF, Word, RTF, OpenDocument, e-mail and zip archives: real-shaped files made here, each found by a
search for a phrase on its page, each problem reported with its reason, nothing around it lost."""

import io
import zipfile
from email.message import EmailMessage

import pytest

from frontline.index.readers import archive

from conftest import search_index
from test_readers import read


def pdf_bytes(pages: list[str], title: str = "", author: str = "", encrypt: str | None = None) -> bytes:
    """A PDF with a text layer, one page per string (fpdf2), encrypted with pypdf when asked."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    data = bytes(pdf.output())
    if encrypt is None:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=encrypt, owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf_bytes() -> bytes:
    """A PDF whose page is only an image, as a scanner makes it."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    png = io.BytesIO()
    _grey_png(png)
    pdf.image(png, x=10, y=10, w=100)
    return bytes(pdf.output())


def _grey_png(out) -> None:
    import struct
    import zlib

    width = height = 8
    raw = b"".join(b"\x00" + bytes([128] * width) for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
              + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    out.seek(0)


def docx_bytes() -> bytes:
    import datetime

    import docx

    document = docx.Document()
    document.core_properties.title = "Shelter conditions in Kharkiv"
    document.core_properties.author = "Human Rights Monitoring Mission"
    document.core_properties.created = datetime.datetime(2022, 5, 3, 10, 0)
    document.add_paragraph("Investigators visited basements used as shelters.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "District", "Shelters inspected"
    table.cell(1, 0).text, table.cell(1, 1).text = "Saltivka", "forty-two"
    document.add_paragraph("Conditions were worst in Saltivka.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def message(subject: str, body: str, sender: str = "Field Office <field@example.org>",
            date: str = "Mon, 14 Mar 2022 09:30:00 +0200", attachments=()) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Date"] = sender, "desk@example.org", subject, date
    msg.set_content(body)
    for name, data, maintype, subtype in attachments:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive_file:
        for name, data in members.items():
            archive_file.writestr(name, data)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------------


def test_pdf_pages_are_read_and_a_snippet_says_which_page_it_is_on(make_index):
    pages = ["Annual report on civilian harm.", "Methodology and sources.",
             "Shelling of the Saltivka district destroyed the school."]
    corpus = make_index({"reports/un-report.pdf": pdf_bytes(pages, title="Civilian harm report", author="OHCHR")})
    assert corpus.summary.problems == []
    result = search_index(corpus.index_dir, '"Saltivka district"')
    assert [hit["id"] for hit in result["hits"]] == ["reports/un-report.pdf"]
    hit = result["hits"][0]
    assert hit["title"] == "Civilian harm report" and hit["source"] == "OHCHR"
    assert hit["pages"] == [3] and "<mark>Saltivka</mark>" in hit["snippets"][0]
    assert search_index(corpus.index_dir, "methodology")["hits"][0]["pages"] == [2]


def test_scanned_and_encrypted_pdfs_are_reported_with_why_and_the_rest_is_indexed(make_index):
    corpus = make_index({
        "scan.pdf": scanned_pdf_bytes(),
        "locked.pdf": pdf_bytes(["Secret casualty figures."], encrypt="secret"),
        "open.pdf": pdf_bytes(["Readable report about Izium."], encrypt=""),  # encrypted against editing only
        "notes.txt": "Notes from Izium.",
    })
    problems = {p.path: p for p in corpus.summary.problems}
    assert problems["scan.pdf"].reason == "scanned PDF without a text layer"
    assert str(problems["scan.pdf"]) == "scan.pdf: scanned PDF without a text layer (1 page); skipped"
    assert problems["locked.pdf"].reason == "encrypted PDF"
    assert len(problems) == 2
    assert sorted(hit["id"] for hit in search_index(corpus.index_dir, "Izium")["hits"]) == ["notes.txt", "open.pdf"]


# --- Word, RTF, OpenDocument ----------------------------------------------------------------------------


def test_docx_paragraphs_tables_and_core_properties(tmp_path):
    docs, problems = read(tmp_path, {"shelters.docx": docx_bytes()})
    assert problems == []
    doc = docs["shelters.docx"]
    assert doc.title == "Shelter conditions in Kharkiv"
    assert doc.source == "Human Rights Monitoring Mission" and doc.date == "2022-05-03"
    assert doc.text.split("\n\n") == ["Investigators visited basements used as shelters.",
                                      "District | Shelters inspected", "Saltivka | forty-two",
                                      "Conditions were worst in Saltivka."]


def test_docx_table_cell_is_found_by_search(make_index):
    corpus = make_index({"shelters.docx": docx_bytes()})
    assert [h["id"] for h in search_index(corpus.index_dir, '"Shelters inspected"')["hits"]] == ["shelters.docx"]


def test_rtf_and_odt_text(tmp_path):
    import odfdo

    odt = odfdo.Document("text")
    odt.body.append(odfdo.Paragraph("Evacuation buses left Mariupol at dawn."))
    odt.meta.set_title("Evacuation log")
    odt_path = tmp_path / "log.odt"
    odt.save(odt_path)
    rtf = r"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Humanitarian corridor from Enerhodar.\par}"
    docs, problems = read(tmp_path, {"corridor.rtf": rtf})
    assert problems == []
    assert docs["corridor.rtf"].text == "Humanitarian corridor from Enerhodar."
    assert docs["log.odt"].title == "Evacuation log"
    assert docs["log.odt"].text == "Evacuation buses left Mariupol at dawn."


# --- e-mail ---------------------------------------------------------------------------------------------


def test_eml_with_a_pdf_attachment_indexes_both_linked(make_index):
    report = pdf_bytes(["Page one.", "Drone debris was found near Bucha."], title="Debris report")
    msg = message("Debris report from Bucha", "Attached is the report from our visit.",
                  attachments=[("debris.pdf", report, "application", "pdf"),
                               ("logo.png", b"\x89PNG\r\n\x1a\n", "image", "png")])
    corpus = make_index({"inbox/debris.eml": bytes(msg)})
    stored = corpus.stored()
    assert set(stored) == {"inbox/debris.eml", "inbox/debris.eml!/debris.pdf"}
    mail = stored["inbox/debris.eml"]
    assert mail["title"] == "Debris report from Bucha" and mail["source"] == "Field Office"
    assert mail["date"] == "2022-03-14"
    attachment = stored["inbox/debris.eml!/debris.pdf"]
    assert attachment["parent"] == "inbox/debris.eml" and attachment["path"] == "inbox/debris.eml"
    hit = search_index(corpus.index_dir, '"drone debris"')["hits"][0]
    assert hit["id"] == "inbox/debris.eml!/debris.pdf" and hit["pages"] == [2] and hit["parent"] == "inbox/debris.eml"
    assert [str(p) for p in corpus.summary.problems] == [
        "inbox/debris.eml!/logo.png: unsupported type image/png; skipped"]


def test_mbox_of_three_messages(tmp_path):
    box = b"".join(b"From field@example.org Mon Mar 14 09:30:00 2022\n" + bytes(message(subject, body)) + b"\n"
                   for subject, body in [("Kherson update", "Power is out in Kherson."),
                                         ("Mykolaiv update", "Water supply restored in Mykolaiv."),
                                         ("Odesa update", "Port reopened in Odesa.")])
    docs, problems = read(tmp_path, {"desk.mbox": box})
    assert problems == []
    assert [(d, docs[d].title) for d in sorted(docs)] == [
        ("desk.mbox#1", "Kherson update"), ("desk.mbox#2", "Mykolaiv update"), ("desk.mbox#3", "Odesa update")]
    assert docs["desk.mbox#2"].text == "Water supply restored in Mykolaiv."


def test_html_only_email_body_is_read_as_text(tmp_path):
    msg = EmailMessage()
    msg["From"], msg["Subject"] = "desk@example.org", "Morning brief"
    msg.set_content("<html><body><p>Strikes reported in <b>Zaporizhzhia</b>.</p></body></html>", subtype="html")
    docs, problems = read(tmp_path, {"brief.eml": bytes(msg)})
    assert problems == [] and docs["brief.eml"].text.strip() == "Strikes reported in Zaporizhzhia."


# --- zip archives --------------------------------------------------------------------------------------


def test_zip_members_and_a_nested_zip_are_read_with_archive_ids(make_index):
    inner = zip_bytes({"deep/field-note.txt": b"Field note from Kupiansk.", "photo.jpg": b"\xff\xd8\xff\xe0JFIF"})
    outer = zip_bytes({"reports/report.pdf": pdf_bytes(["Shelter damage in Kupiansk."]),
                       "feed.jsonl": b'{"id": "tg-1", "text": "Kupiansk under fire."}\n{"text": ""}\n',
                       "inner.zip": inner, "__MACOSX/._report.pdf": b"junk", "empty/": b""})
    corpus = make_index({"bundle.zip": outer})
    ids = sorted(hit["id"] for hit in search_index(corpus.index_dir, "Kupiansk")["hits"])
    assert ids == ["bundle.zip!/inner.zip!/deep/field-note.txt", "bundle.zip!/reports/report.pdf", "tg-1"]
    assert {fields["path"] for fields in corpus.stored().values()} == {"bundle.zip"}
    assert sorted(str(p) for p in corpus.summary.problems) == [
        "bundle.zip!/feed.jsonl:2: record has no text; skipped",
        "bundle.zip!/inner.zip!/photo.jpg: unsupported type image/jpeg; skipped"]
    # Unchanged: nothing read again; a member taken out of the archive: its document goes.
    assert corpus.index().unchanged == 3
    corpus.write({"bundle.zip": zip_bytes({"inner.zip": inner})})
    summary = corpus.index()
    assert (summary.unchanged, summary.removed) == (1, 2)


def test_zip_bomb_is_refused_by_ratio_and_the_files_beside_it_are_indexed(make_index):
    bomb = zip_bytes({"zeros.txt": b"0" * (8 << 20)})
    assert len(bomb) < (8 << 20) // archive.MAX_RATIO
    corpus = make_index({"bomb.zip": bomb, "note.txt": "A note about Lyman."})
    [problem] = corpus.summary.problems
    assert problem.reason == "zip bomb refused" and "zeros.txt would expand" in problem.message
    assert [h["id"] for h in search_index(corpus.index_dir, "Lyman")["hits"]] == ["note.txt"]


def test_archives_nested_past_the_depth_limit_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_DEPTH", 2)
    level3 = zip_bytes({"c.txt": b"Deepest."})
    level2 = zip_bytes({"b.txt": b"Middle.", "c.zip": level3})
    docs, problems = read(tmp_path, {"a.zip": zip_bytes({"b.zip": level2})})
    assert sorted(docs) == ["a.zip!/b.zip!/b.txt"]
    assert problems == ["a.zip!/b.zip!/c.zip: archive nested too deep (more than 2 levels); skipped"]


def test_zip_that_declares_more_than_the_total_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_TOTAL", 1000)
    docs, problems = read(tmp_path, {"big.zip": zip_bytes({"a.txt": b"a" * 600, "b.txt": b"b" * 600},
                                                         zipfile.ZIP_STORED)})
    assert docs == {} and len(problems) == 1
    assert problems[0].startswith("big.zip: zip bomb refused (its members would expand to 1,200 bytes")


# --- files whose name says nothing ------------------------------------------------------------------------


@pytest.mark.parametrize("name, content, expected", [
    ("REPORT", pdf_bytes(["A report on Avdiivka."]), "A report on Avdiivka."),
    ("message", bytes(message("Avdiivka", "Shelling near Avdiivka.")), "Shelling near Avdiivka."),
    ("notes.log", b"Plain notes about Avdiivka.", "Plain notes about Avdiivka."),
])
def test_a_file_without_a_known_suffix_is_read_by_what_its_bytes_are(tmp_path, name, content, expected):
    docs, problems = read(tmp_path, {name: content})
    assert problems == [] and docs[name].text.strip() == expected


def test_a_damaged_file_is_reported_and_the_run_goes_on(tmp_path):
    good = pdf_bytes(["Readable."])
    docs, problems = read(tmp_path, {"broken.pdf": good[: len(good) // 3], "broken.docx": b"PK\x03\x04broken",
                                     "ok.txt": "Fine."})
    assert list(docs) == ["ok.txt"]
    assert sorted(p.split(":")[0] for p in problems) == ["broken.docx", "broken.pdf"]
