"""Where things live when the command line does not say."""

import os
from pathlib import Path

INDEX_ENV = "FRONTLINE_INDEX"
DEFAULT_CORPUS = Path("corpus")


def default_index_dir() -> Path:
    """$FRONTLINE_INDEX, else $XDG_DATA_HOME/frontline/index (~/.local/share/frontline/index)."""
    if os.environ.get(INDEX_ENV):
        return Path(os.environ[INDEX_ENV]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "frontline" / "index"


def default_workers() -> int:
    """One process per core this one may run on (the server's workers, the indexer's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no sched_getaffinity (macOS, Windows)
        return max(1, os.cpu_count() or 1)
