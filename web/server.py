"""`frontline serve`: the app under a production WSGI server, not Flask's development one.

A search is CPU-bound Python under one GIL, so threads add nothing under load: on POSIX the app
runs in several pre-forked gunicorn processes (one per core by default) that share the read-only
index. Each worker opens the index itself after the fork: open files carry a position, and two
processes seeking one descriptor would read each other's bytes. One worker, or a system without
fork, gets waitress as before. In either, a process's threads take turns at the app (see
:class:`OneAtATime`).
"""

import io
import os
import socket
import sys
import threading
from pathlib import Path

from frontline.config import default_workers

from .app import create_app, load_shared_tables

#: Threads per worker: enough to keep reading requests and sending answers while a client is slow.
THREADS = 4
#: A request body up to this size is read before its turn at the app (a slow sender holds no turn).
BUFFERED_BODY = 1 << 20


class OneAtATime:
    """WSGI middleware: one request of a process runs the app at a time, the others wait their turn.

    Threads that run CPU-bound searches together share one GIL, so each takes as long as all of them
    (a heavy search beside three others, four times its time): under load the slowest answers grow
    far past the mean. Taking turns answers in the order requests come, each wait bounded by the work
    ahead of it (Elasticsearch's search thread pool and queue, at one thread a process). Only the app
    takes turns: a streamed body (an export) is produced, and every answer sent, outside the turn."""

    def __init__(self, app):
        self.app = app
        self._turn = threading.Lock()

    def __call__(self, environ, start_response):
        length = environ.get("CONTENT_LENGTH") or ""
        if length.isdigit() and 0 < int(length) <= BUFFERED_BODY:
            environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(int(length)))
        with self._turn:
            return self.app(environ, start_response)


def serve(index_dir: Path, host: str = "127.0.0.1", port: int = 8000, workers: int | None = None) -> int:
    """Serve until interrupted; the exit code for the command line."""
    workers = default_workers() if workers is None else max(1, workers)
    try:
        listener = _listen(host, port)
    except OSError as error:
        print(f"frontline: cannot listen on {host}:{port}: {error.strerror or error}", file=sys.stderr)
        return 1
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{listener.getsockname()[1]}/"
    if workers > 1 and hasattr(os, "fork"):
        return _serve_forked(index_dir, listener, address, workers)
    return _serve_threaded(index_dir, listener, address)


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before any worker starts (so a busy port is one clear message)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
        listener.listen(1024)
    except OSError:
        listener.close()
        raise
    listener.set_inheritable(True)
    return listener


def _serve_threaded(index_dir: Path, listener: socket.socket, address: str) -> int:
    from waitress import create_server

    app = create_app(index_dir)
    server = create_server(OneAtATime(app), sockets=[listener], threads=THREADS)
    app.extensions["frontline"].warm_up()
    print(f"Frontline is serving {index_dir} on {address} (Ctrl+C stops it)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


def _serve_forked(index_dir: Path, listener: socket.socket, address: str, workers: int) -> int:
    from gunicorn.app.base import BaseApplication

    load_shared_tables()  # once, before the fork: every worker shares them

    class Workers(BaseApplication):
        def load_config(self):
            settings = {
                "bind": [f"fd://{listener.fileno()}"], "workers": workers, "worker_class": "gthread",
                "threads": THREADS, "preload_app": True, "accesslog": None, "errorlog": "-",
                "loglevel": "warning", "timeout": 60, "graceful_timeout": 5,
                # The index is opened in each worker, never in the parent (see the module's docstring).
                "post_worker_init": lambda worker: worker.wsgi.app.extensions["frontline"].warm_up(),
                "when_ready": lambda _arbiter: print(
                    f"Frontline is serving {index_dir} on {address} with {workers} worker processes "
                    "(Ctrl+C stops it)", flush=True),
            }
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self):
            return OneAtATime(create_app(index_dir))

    Workers().run()
    return 0
