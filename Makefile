# `make run`: install, index corpus/, serve the UI.   `make test`: install, run every test.
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run`'s own index, beside the checkout (not the user's default index); `make run INDEX=DIR` for another.
INDEX ?= .frontline/index

.PHONY: run test bench chromium

$(BIN)/frontline: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/frontline
	$(BIN)/frontline index corpus --index $(INDEX)
	$(BIN)/frontline serve --index $(INDEX) --host $(HOST) --port $(PORT)

# Browser tests drive Debian's Chromium; installed here when missing and we are root.
chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "chromium not installed: browser tests will be skipped"

test: $(BIN)/frontline chromium
	$(BIN)/pytest

bench: $(BIN)/frontline
	$(BIN)/python -m bench
