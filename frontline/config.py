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
