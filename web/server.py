"""`frontline serve`: the app under waitress, a production WSGI server, not Flask's development one."""

import sys
from pathlib import Path

from waitress import create_server

from .app import create_app


def serve(index_dir: Path, host: str = "127.0.0.1", port: int = 8000, threads: int = 4) -> int:
    """Serve until interrupted; the exit code for the command line."""
    app = create_app(index_dir)
    try:
        server = create_server(app, host=host, port=port, threads=threads)
    except OSError as error:
        print(f"frontline: cannot listen on {host}:{port}: {error.strerror or error}", file=sys.stderr)
        return 1
    app.extensions["frontline"].warm_up()
    shown = f"[{host}]" if ":" in host else host
    print(f"Frontline is serving {index_dir} on http://{shown}:{server.effective_port}/ (Ctrl+C stops it)",
          flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0
