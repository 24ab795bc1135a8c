// Frontline's small enhancements. Every page works without this file: search, facets,
// map and histogram are plain links and forms. Here: name suggestions while typing,
// filter boxes in long facets, sort and strict spelling applied on change, dragging a
// date range on the histogram, keyboard shortcuts, and stepping through a document's matches.
"use strict";

/** The current page's URL with one filter value added, or removed when present; back to page 1. */
function toggledUrl(name, value) {
  const params = new URLSearchParams(location.search);
  const values = params.getAll(name);
  params.delete(name);
  params.delete("offset");
  (values.includes(value) ? values.filter((v) => v !== value) : [...values, value]).forEach((v) => params.append(name, v));
  return location.pathname + "?" + params;
}

/** The small "about" link to an entity's page, as the server renders it beside filters and chips. */
function entityLink(url, label) {
  const a = element("a", "entity-link");
  a.href = url;
  a.title = "About " + label;
  a.append(element("span", "visually-hidden", "About " + label));
  return a;
}

/** Lower case without accents, for matching what is typed against labels. */
function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
}

function debounce(fn, ms) {
  let timer = 0;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Fetch JSON, abandoning the previous request of the same kind; null when aborted or failed. */
function latestJson() {
  let controller = null;
  return async (url) => {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
      return response.ok ? await response.json() : null;
    } catch (error) {
      return null; // aborted by a newer request, or the server went away: no suggestions
    }
  };
}

/** ARIA 1.2 combobox: /api/names suggestions under the search box, arrows + Enter to pick one;
 *  Shift+Enter, or the "i" beside a name, opens the name's entity page. */
function typeahead(input, list) {
  const getNames = latestJson();
  let names = [];
  let active = -1;

  function close() {
    list.hidden = true;
    list.replaceChildren();
    names = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    input.setAttribute("aria-activedescendant", list.children[index].id);
    list.children[index].scrollIntoView({ block: "nearest" });
  }

  function choose(index) {
    input.value = names[index].label;
    close();
    input.form.requestSubmit();
  }

  function show(found) {
    close();
    names = found;
    if (!names.length) return;
    names.forEach((name, i) => {
      const li = element("li");
      li.id = "q-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      const where = name.region_label && name.region_label !== name.label ? name.region_label : "";
      li.append(element("span", "name", name.label), element("span", "kind", name.level || name.kind),
        element("span", "where", where),
        element("span", "docs", name.documents + (name.documents === 1 ? " document" : " documents")));
      if (name.entity_url) li.append(entityLink(name.entity_url, name.label));
      li.addEventListener("mousedown", (event) => {
        event.preventDefault(); // the box keeps the focus, so the list is still there for the click
        if (event.target.closest(".entity-link")) location.assign(name.entity_url);
        else choose(i);
      });
      list.append(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  const lookUp = debounce(async (text) => {
    const found = await getNames(`${input.dataset.namesUrl}?limit=8&q=${encodeURIComponent(text)}`);
    if (found && input.value.trim() === text && document.activeElement === input) show(found.names);
  }, 150);

  input.addEventListener("input", () => {
    const text = input.value.trim();
    if (text.length < 2) close();
    else lookUp(text);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      // -1 is the text box itself: the list wraps through it.
      const next = active + (event.key === "ArrowDown" ? 1 : -1);
      highlight(next >= names.length ? -1 : next < -1 ? names.length - 1 : next);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      if (event.shiftKey && names[active].entity_url) location.assign(names[active].entity_url);
      else choose(active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", close);
}

/** A filter box inside a long facet: narrows the listed values, and asks the server for values in any
 *  spelling ("Kiev" finds Kyiv, "Харків" Kharkiv) and for those beyond the list. */
function facetFilter(section) {
  const box = section.querySelector(".facet-filter");
  if (!box) return;
  box.hidden = false;
  const getValues = latestJson();
  const listed = () => [...section.querySelectorAll(".facet-value")];
  const more = section.querySelector("details");

  box.addEventListener("input", debounce(async () => {
    const wanted = fold(box.value);
    section.classList.toggle("filtering", wanted !== "");
    section.querySelectorAll("li.fetched").forEach((li) => li.remove());
    if (more && wanted) more.open = true;
    listed().forEach((a) => { a.parentElement.hidden = wanted !== "" && !fold(a.textContent).includes(wanted); });
    if (!wanted) return;
    const search = new URLSearchParams(location.search).get("q") || "";
    const found = await getValues(`${section.dataset.valuesUrl}?limit=20&q=${encodeURIComponent(box.value)}&search=${encodeURIComponent(search)}`);
    if (!found || fold(box.value) !== wanted) return;
    const shown = new Map(listed().map((a) => [a.dataset.value, a]));
    const target = section.querySelector(".facet-values");
    found.values.forEach((v) => {
      if (shown.has(v.value)) {
        shown.get(v.value).parentElement.hidden = false;
        return;
      }
      const li = element("li");
      li.className = "fetched";
      const a = element("a", "facet-value");
      a.href = toggledUrl(section.dataset.facet, v.value);
      a.dataset.value = v.value;
      a.append(element("span", "check"), element("span", "label", v.label), element("span", "n", String(v.count)));
      li.append(a);
      if (section.dataset.entityUrl) li.append(entityLink(section.dataset.entityUrl + encodeURIComponent(v.value), v.label));
      target.append(li);
    });
  }, 150));
}

/** Drag across histogram bars to filter a date range; a plain click still toggles one month. */
function monthRange(svg) {
  const bars = [...svg.querySelectorAll("a[data-month]")];
  let start = -1;
  let end = -1;
  let dragged = false;
  const barAt = (target) => bars.indexOf(target.closest ? target.closest("a[data-month]") : null);
  const mark = () => bars.forEach((bar, i) => bar.classList.toggle("in-range",
    start >= 0 && i >= Math.min(start, end) && i <= Math.max(start, end)));

  svg.addEventListener("dragstart", (event) => event.preventDefault());
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || event.pointerType === "touch") return;
    start = end = barAt(event.target);
    dragged = false;
  });
  svg.addEventListener("pointermove", (event) => {
    const index = barAt(event.target);
    if (start < 0 || index < 0 || index === end) return;
    end = index;
    dragged = true;
    mark();
  });
  document.addEventListener("pointerup", () => {
    if (start < 0) return;
    if (dragged) {
      const params = new URLSearchParams(location.search);
      ["date", "offset"].forEach((name) => params.delete(name));
      params.set("from", bars[Math.min(start, end)].dataset.month);
      params.set("to", bars[Math.max(start, end)].dataset.month);
      location.assign(location.pathname + "?" + params);
    }
    start = -1;
    mark();
  });
  svg.addEventListener("click", (event) => { if (dragged) event.preventDefault(); }, true);
}

/** Whether a key press is someone typing (in a text box, a menu, or with a modifier), not a shortcut. */
function typing(event) {
  const target = event.target;
  return event.ctrlKey || event.metaKey || event.altKey || event.isComposing ||
    (target.closest && target.closest("input, textarea, select, [contenteditable]") !== null);
}

/** Single-key shortcuts: key → action; "/" (search box) works on every page. */
function shortcuts(actions) {
  document.addEventListener("keydown", (event) => {
    const action = actions[event.key];
    if (!action || typing(event)) return;
    event.preventDefault();
    action();
  });
}

/** j / k select the next / previous hit by focusing its title link, so Enter opens it. */
function hitSelection(hits) {
  const links = hits.map((hit) => hit.querySelector("h2 a, h3 a")).filter(Boolean);
  if (!links.length) return {};
  const current = () => links.indexOf(document.activeElement);
  const select = (index) => {
    links[index].focus({ preventScroll: true });
    links[index].closest(".hit").scrollIntoView({ block: "nearest" });
  };
  links.forEach((link) => {
    link.addEventListener("focus", () => link.closest(".hit").classList.add("selected"));
    link.addEventListener("blur", () => link.closest(".hit").classList.remove("selected"));
  });
  return {
    j: () => select(Math.min(current() + 1, links.length - 1)),
    k: () => select(current() < 0 ? 0 : Math.max(current() - 1, 0)),
  };
}

/** Previous / next through the search's matches in a document (buttons, n p j k), wrapping around;
 *  the counter says where, and the URL's #match-N keeps the place when shared. */
function matchSteps(bar) {
  const matches = [];
  document.querySelectorAll(".text mark[data-match]").forEach((mark) => {
    (matches[Number(mark.dataset.match)] ||= []).push(mark);
  });
  if (!matches.length) return {};
  const counter = bar.querySelector(".match-counter");
  let current = -1;
  const show = (index, scroll) => {
    if (current >= 0) matches[current].forEach((mark) => mark.classList.remove("current"));
    current = (index + matches.length) % matches.length;
    matches[current].forEach((mark) => mark.classList.add("current"));
    const first = matches[current][0];
    first.tabIndex = -1;
    first.focus({ preventScroll: true });
    if (scroll) first.scrollIntoView({ block: "center" });
    counter.textContent = `${current + 1} of ${matches.length}`;
    history.replaceState(null, "", "#match-" + current);
  };
  bar.querySelectorAll(".match-step, .match-counter, .keys").forEach((node) => { node.hidden = false; });
  bar.querySelector(".first-match").hidden = true;
  bar.querySelectorAll(".match-step").forEach((button) =>
    button.addEventListener("click", () => show(current + Number(button.dataset.step), true)));
  const linked = /^#match-(\d+)$/.exec(location.hash);
  if (linked && Number(linked[1]) < matches.length) show(Number(linked[1]), true);
  const next = () => show(current + 1, true);
  const previous = () => show(current < 0 ? -1 : current - 1, true);
  return { n: next, j: next, p: previous, k: previous };
}

document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("q");
  const list = document.getElementById("q-suggestions");
  if (input && list) typeahead(input, list);
  document.querySelectorAll("[data-autosubmit]").forEach((control) =>
    control.addEventListener("change", () => control.form.requestSubmit()));
  document.querySelectorAll(".facet").forEach(facetFilter);
  document.querySelectorAll("svg.months").forEach(monthRange);
  document.querySelectorAll(".js-only").forEach((node) => { node.hidden = false; });
  const bar = document.querySelector(".match-bar");
  const hits = [...document.querySelectorAll("li.hit")];
  shortcuts({
    "/": () => { if (input) { input.focus(); input.select(); } },
    ...(hits.length ? hitSelection(hits) : {}),
    ...(bar ? matchSteps(bar) : {}),
  });
});
