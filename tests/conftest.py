"""Shared fixtures: the seed corpus indexed once, throwaway corpora, the shared data, the CLI.

Fixtures here are opt-in (none is autouse), so test modules that don't need an
index pay nothing for them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
#: ../shared beside the repo; read-only and absent in some environments.
SHARED = Path(__file__).resolve().parents[2] / "shared"


@dataclass
class Corpus:
    """A folder of input files and the index built from it, for one test."""

    root: Path
    index_dir: Path
    summary: object = None

    def write(self, files: dict[str, str | bytes]) -> None:
        """Create or overwrite files below root; a value of None deletes the file."""
        for name, content in files.items():
            path = self.root / name
            if content is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")

    def index(self, rebuild: bool = False, paths=None):
        from frontline.index.indexer import index_paths

        self.summary = index_paths(paths or [self.root], self.index_dir, rebuild=rebuild)
        return self.summary

    @property
    def problems(self) -> list[str]:
        return [str(p) for p in self.summary.problems]

    def search(self, q: str = "", **request) -> dict:
        return search_index(self.index_dir, q, **request)

    def ids(self, q: str = "", **request) -> list[str]:
        return [hit["id"] for hit in self.search(q, limit=1000, **request)["hits"]]

    def stored(self) -> dict[str, dict]:
        """Every stored document in the index, by id."""
        from whoosh import index as whoosh_index

        ix = whoosh_index.open_dir(self.index_dir)
        with ix.searcher() as searcher:
            return {fields["id"]: fields for fields in searcher.all_stored_fields()}

    def generation(self) -> int:
        from whoosh import index as whoosh_index

        return whoosh_index.open_dir(self.index_dir).latest_generation()


def search_index(index_dir: Path, q: str = "", **request) -> dict:
    """The engine's answer for q, as the CLI and the API see it."""
    from frontline.search.engine import Engine, SearchRequest

    return Engine(index_dir).search(SearchRequest(q=q, **request))


@pytest.fixture
def make_index(tmp_path):
    """make_index({"a.txt": "...", "sub/b.jsonl": b"..."}) -> Corpus, already indexed.

    Call corpus.write({...}) and corpus.index() again to re-index the same folder.
    """

    def build(files: dict[str, str | bytes], name: str = "docs") -> Corpus:
        corpus = Corpus(root=tmp_path / name, index_dir=tmp_path / f"{name}-index")
        corpus.root.mkdir(parents=True, exist_ok=True)
        corpus.write(files)
        corpus.index()
        return corpus

    return build


@pytest.fixture(scope="session")
def resolver():
    """The process-wide name resolver over the cached gazetteer."""
    from frontline.index.names.resolver import default_resolver

    return default_resolver()


@pytest.fixture(scope="session")
def extractor(resolver):
    from frontline.index.entities import EntityExtractor

    return EntityExtractor(resolver)


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory) -> Corpus:
    """corpus/ indexed once per session; treat as read-only."""
    from frontline.index.indexer import index_paths

    corpus = Corpus(root=CORPUS, index_dir=tmp_path_factory.mktemp("seed-index"))
    corpus.summary = index_paths([CORPUS], corpus.index_dir)
    return corpus


@pytest.fixture(scope="session")
def seed_index(seed_corpus) -> Path:
    """The directory of an index built from the seed corpus/ (read-only)."""
    return seed_corpus.index_dir


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repo; the test is skipped when it is not there."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"shared data not present at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """../shared/eval (variants.tsv, negatives.tsv, seeds-expected.json); skipped when absent."""
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"shared eval data not present at {SHARED / 'eval'}")
    return SHARED / "eval"


@pytest.fixture(scope="session")
def build_index(tmp_path_factory):
    """build_index({"a.txt": "..."}, name="docs") -> Corpus, indexed; for module- or session-scoped
    fixtures that build a small corpus once (make_index builds one per test)."""

    def build(files: dict[str, str | bytes], name: str = "docs") -> Corpus:
        base = tmp_path_factory.mktemp(name)
        corpus = Corpus(root=base / "docs", index_dir=base / "index")
        corpus.root.mkdir()
        corpus.write(files)
        corpus.index()
        return corpus

    return build


@pytest.fixture(scope="session")
def press_releases(shared_dir, tmp_path_factory) -> Corpus:
    """shared/corpora/press-releases.jsonl indexed once per session (slow: ~10 s); treat as read-only."""
    source = shared_dir / "corpora" / "press-releases.jsonl"
    if not source.is_file():
        pytest.skip(f"{source} not present")
    corpus = Corpus(root=source, index_dir=tmp_path_factory.mktemp("press-index"))
    corpus.index(paths=[source])
    return corpus


#: The three news corpora of ../shared: English reporting, press releases and GDELT articles.
NEWS_CORPORA = ("press-releases.jsonl", "gdelt-articles.jsonl", "nyt-guardian.jsonl")


@pytest.fixture(scope="session")
def news_corpora(shared_dir, tmp_path_factory) -> Corpus:
    """The three news corpora indexed together once per session (slow: ~1 min); treat as read-only."""
    sources = [shared_dir / "corpora" / name for name in NEWS_CORPORA]
    missing = [source for source in sources if not source.is_file()]
    if missing:
        pytest.skip(f"{missing[0]} not present")
    corpus = Corpus(root=shared_dir / "corpora", index_dir=tmp_path_factory.mktemp("news-index"))
    corpus.index(paths=sources)
    return corpus


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    """cli("search", "--json", "Kyiv") runs frontline.cli.main in-process -> CliResult.

    FRONTLINE_INDEX points into tmp_path so nothing reaches the user's real index.
    """
    from frontline.cli import main

    monkeypatch.setenv("FRONTLINE_INDEX", str(tmp_path / "env-index"))
    capsys.readouterr()

    def run(*argv) -> CliResult:
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def frontline_command() -> list[str]:
    """The installed console script, else the module run by this interpreter."""
    script = Path(sys.executable).with_name("frontline")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "frontline.cli"]


@pytest.fixture
def run_frontline(tmp_path):
    """run_frontline("search", ...) runs the real command in a subprocess -> CompletedProcess."""

    def run(*argv, cwd=REPO, env=None) -> subprocess.CompletedProcess:
        environment = {**os.environ, "FRONTLINE_INDEX": str(tmp_path / "env-index"), **(env or {})}
        return subprocess.run(
            [*frontline_command(), *map(str, argv)],
            cwd=cwd, env=environment, capture_output=True, text=True, timeout=120,
        )

    return run


#: Dated, sourced documents beside the seed corpus for the web tests, one of them hostile
#: (<script> in its title and text, a javascript: URL, a spreadsheet formula as a title).
WEB_CORPUS = REPO / "tests" / "web_corpus"


@pytest.fixture(scope="session")
def web_index(tmp_path_factory) -> Path:
    """corpus/ plus tests/web_corpus/ indexed once per session (read-only)."""
    from frontline.index.indexer import index_paths

    index_dir = tmp_path_factory.mktemp("web-index")
    index_paths([CORPUS, WEB_CORPUS], index_dir)
    return index_dir
