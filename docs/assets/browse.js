/*
 * The browse page: facets with live counts, a text filter and sorting over
 * every practice, with the whole state in the URL query
 * (?country=DE&country=NL&approach=policing&q=youth&sort=title).
 *
 * Data comes from the JSON index that kb/browse.py writes at build time.
 * Within a facet, values combine with OR; across facets, with AND. The count
 * beside a value is how many practices would match if it were added, given
 * every other active filter. Without JavaScript the static cards stay.
 */
(function () {
  "use strict";

  var PAGE = 20; // cards rendered at a time; "Show more" adds the next ones
  var SORTS = [
    ["title", "Title"],
    ["country", "Country"],
    ["reviewed", "Most recently reviewed"],
  ];

  var root = document.querySelector("[data-kb-browse]");
  if (!root || !window.fetch || !window.URLSearchParams) return;

  var indexUrl = new URL(root.getAttribute("data-kb-browse"), document.baseURI);
  var data = null;
  var state = null;
  var shown = PAGE;
  var summaries = {}; // chunk number -> array of summaries, or a pending promise
  var els = {};

  fetch(indexUrl.href)
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (index) {
      data = index;
      state = readState(window.location.search);
      buildControls();
      update(false);
      window.addEventListener("popstate", function () {
        state = readState(window.location.search);
        shown = PAGE;
        syncControls();
        update(false);
      });
    })
    .catch(function () {
      /* Keep the static cards: they list every practice already. */
    });

  // ---- state <-> URL ---------------------------------------------------

  function readState(search) {
    var params = new URLSearchParams(search);
    var selected = data.facets.map(function (facet) {
      var wanted = params.getAll(facet.id);
      var set = new Set();
      facet.values.forEach(function (value, position) {
        if (wanted.indexOf(value[0]) !== -1) set.add(position);
      });
      return set;
    });
    var sort = params.get("sort");
    var known = SORTS.some(function (s) { return s[0] === sort; });
    return { selected: selected, q: params.get("q") || "", sort: known ? sort : "title" };
  }

  function writeState(push) {
    var params = new URLSearchParams();
    data.facets.forEach(function (facet, f) {
      facet.values.forEach(function (value, position) {
        if (state.selected[f].has(position)) params.append(facet.id, value[0]);
      });
    });
    if (state.q) params.set("q", state.q);
    if (state.sort !== "title") params.set("sort", state.sort);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  // ---- matching and counting -------------------------------------------

  function textMatches(item, words) {
    for (var i = 0; i < words.length; i++) {
      if (item.text.indexOf(words[i]) === -1) return false;
    }
    return true;
  }

  function evaluate() {
    var facets = data.facets.length;
    var counts = data.facets.map(function (facet) { return new Array(facet.values.length).fill(0); });
    var matches = [];
    var words = state.q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var active = [];
    for (var f = 0; f < facets; f++) if (state.selected[f].size) active.push(f);

    data.items.forEach(function (item, position) {
      if (words.length && !textMatches(item, words)) return;
      var failed = -1;
      var failures = 0;
      for (var a = 0; a < active.length; a++) {
        var facet = active[a];
        var values = item.facets[facet];
        var hit = false;
        for (var v = 0; v < values.length; v++) {
          if (state.selected[facet].has(values[v])) { hit = true; break; }
        }
        if (!hit) { failures++; failed = facet; if (failures > 1) return; }
      }
      // A practice failing exactly one facet still counts for that facet's
      // values: choosing one of them would make it match.
      for (var g = 0; g < facets; g++) {
        if (failures === 1 && g !== failed) continue;
        var own = item.facets[g];
        for (var w = 0; w < own.length; w++) counts[g][own[w]]++;
      }
      if (failures === 0) matches.push(position);
    });
    return { matches: sortMatches(matches), counts: counts };
  }

  function firstCountry(item) {
    var values = item.facets[0];
    return values.length ? data.facets[0].values[values[0]][1] : "";
  }

  function sortMatches(matches) {
    // Items arrive sorted by title, so position breaks ties by title.
    if (state.sort === "country") {
      matches.sort(function (a, b) {
        return firstCountry(data.items[a]).localeCompare(firstCountry(data.items[b])) || a - b;
      });
    } else if (state.sort === "reviewed") {
      matches.sort(function (a, b) {
        var x = data.items[a].reviewed, y = data.items[b].reviewed;
        return x < y ? 1 : x > y ? -1 : a - b;
      });
    }
    return matches;
  }

  // ---- building the controls -------------------------------------------

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") node.textContent = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function buildControls() {
    var staticIntro = root.querySelector(".kb-browse__static");
    var pages = root.querySelector(".kb-pages");
    if (pages) pages.remove();

    els.toggle = el("button", {
      type: "button", class: "md-button kb-browse__toggle",
      "aria-expanded": "false", "aria-controls": "kb-facets",
    });
    els.panel = el("div", { id: "kb-facets", class: "kb-facets" });
    els.fieldsets = data.facets.map(function (facet, f) {
      var legend = el("legend", { text: facet.label });
      var list = el("ul", { class: "kb-facet__values" });
      var boxes = facet.values.map(function (value, position) {
        var id = "kb-" + facet.id + "-" + position;
        var input = el("input", { type: "checkbox", id: id, name: facet.id, value: value[0] });
        input.addEventListener("change", function () {
          if (input.checked) state.selected[f].add(position);
          else state.selected[f].delete(position);
          shown = PAGE;
          update(true);
        });
        var count = el("span", { class: "kb-facet__count" });
        var label = el("label", { for: id }, [document.createTextNode(value[1] + " "), count]);
        list.appendChild(el("li", {}, [input, label]));
        return { input: input, count: count, item: list.lastChild };
      });
      var fieldset = el("fieldset", { class: "kb-facet" }, [legend, list]);
      els.panel.appendChild(fieldset);
      return boxes;
    });

    els.q = el("input", {
      type: "search", id: "kb-filter-text", class: "kb-browse__text",
      placeholder: "Title, place or organisation", autocomplete: "off",
    });
    els.q.addEventListener("input", function () {
      state.q = els.q.value.trim();
      shown = PAGE;
      update(false);
    });
    els.sort = el("select", { id: "kb-sort" });
    SORTS.forEach(function (s) { els.sort.appendChild(el("option", { value: s[0], text: s[1] })); });
    els.sort.addEventListener("change", function () {
      state.sort = els.sort.value;
      update(true);
    });
    els.clear = el("button", { type: "button", class: "md-button kb-browse__clear", text: "Clear all" });
    els.clear.addEventListener("click", function () {
      state = { selected: data.facets.map(function () { return new Set(); }), q: "", sort: state.sort };
      shown = PAGE;
      syncControls();
      update(true);
      els.q.focus();
    });
    els.status = el("p", { class: "kb-browse__status", role: "status", "aria-live": "polite" });
    els.active = el("ul", { class: "kb-browse__chips", "aria-label": "Active filters" });

    var bar = el("div", { class: "kb-browse__bar" }, [
      el("label", { for: "kb-filter-text", class: "kb-browse__label", text: "Filter" }), els.q,
      el("label", { for: "kb-sort", class: "kb-browse__label", text: "Sort by" }), els.sort,
      els.toggle, els.clear,
    ]);
    els.toggle.addEventListener("click", function () {
      var open = els.toggle.getAttribute("aria-expanded") !== "true";
      els.toggle.setAttribute("aria-expanded", String(open));
      root.classList.toggle("kb-browse--open", open);
    });

    els.list = root.querySelector(".kb-cards");
    els.more = el("button", { type: "button", class: "md-button kb-browse__more" });
    els.more.addEventListener("click", function () {
      var first = shown;
      shown += PAGE;
      update(false);
      var next = els.list.children[first];
      if (next) next.querySelector("a").focus();
    });
    els.empty = el("div", { class: "kb-browse__empty", hidden: "" });

    var results = el("div", { class: "kb-browse__results" }, [els.status, els.active, els.empty]);
    staticIntro.replaceWith(bar);
    root.insertBefore(els.panel, els.list);
    var main = el("div", { class: "kb-browse__main" });
    root.insertBefore(main, els.list);
    main.appendChild(results);
    main.appendChild(els.list);
    main.appendChild(els.more);
    root.classList.add("kb-browse--live");
    syncControls();
  }

  function syncControls() {
    els.q.value = state.q;
    els.sort.value = state.sort;
    els.fieldsets.forEach(function (boxes, f) {
      boxes.forEach(function (box, position) { box.input.checked = state.selected[f].has(position); });
    });
  }

  // ---- rendering -------------------------------------------------------

  function practices(n) {
    return n + (n === 1 ? " practice" : " practices");
  }

  function activeCount() {
    return state.selected.reduce(function (sum, set) { return sum + set.size; }, 0) + (state.q ? 1 : 0);
  }

  function update(push) {
    var result = evaluate();
    writeState(push);
    var total = data.items.length;
    var n = result.matches.length;
    els.status.textContent = n === total
      ? "All " + practices(total)
      : n + " of " + practices(total) + " match";
    var filters = activeCount();
    els.toggle.textContent = filters ? "Filters (" + filters + ")" : "Filters";
    els.clear.disabled = filters === 0;

    els.fieldsets.forEach(function (boxes, f) {
      boxes.forEach(function (box, position) {
        var count = result.counts[f][position];
        var checked = state.selected[f].has(position);
        box.count.textContent = "(" + count + ")";
        box.item.classList.toggle("kb-facet__value--empty", count === 0 && !checked);
      });
    });
    renderChips();
    renderCards(result.matches);
    renderEmpty(n);
  }

  function renderChips() {
    els.active.textContent = "";
    data.facets.forEach(function (facet, f) {
      facet.values.forEach(function (value, position) {
        if (!state.selected[f].has(position)) return;
        var button = el("button", {
          type: "button", class: "kb-chip",
          "aria-label": "Remove filter " + facet.label + ": " + value[1],
        }, [document.createTextNode(value[1] + " ×")]);
        button.addEventListener("click", function () {
          state.selected[f].delete(position);
          syncControls();
          update(true);
        });
        els.active.appendChild(el("li", {}, [button]));
      });
    });
  }

  function renderEmpty(n) {
    els.empty.hidden = n !== 0;
    els.empty.textContent = "";
    if (n !== 0) return;
    els.empty.appendChild(el("p", { text: "No practice matches all of these filters. Relax one:" }));
    var list = el("ul");
    suggestions().forEach(function (s) {
      var button = el("button", { type: "button", class: "md-button", text: s.label });
      button.addEventListener("click", function () { s.apply(); syncControls(); update(true); });
      list.appendChild(el("li", {}, [button]));
    });
    els.empty.appendChild(list);
  }

  function suggestions() {
    // For each active filter, how many practices would match without it.
    var found = [];
    var saved = state;
    function without(change) {
      state = {
        selected: saved.selected.map(function (set) { return new Set(set); }),
        q: saved.q, sort: saved.sort,
      };
      change(state);
      var n = evaluate().matches.length;
      state = saved;
      return n;
    }
    data.facets.forEach(function (facet, f) {
      saved.selected[f].forEach(function (position) {
        var n = without(function (s) { s.selected[f].delete(position); });
        found.push({
          n: n,
          label: "Remove " + facet.values[position][1] + " (" + practices(n) + ")",
          apply: function () { state.selected[f].delete(position); },
        });
      });
    });
    if (saved.q) {
      var n = without(function (s) { s.q = ""; });
      found.push({
        n: n, label: "Remove the text “" + saved.q + "” (" + practices(n) + ")",
        apply: function () { state.q = ""; },
      });
    }
    return found.filter(function (s) { return s.n > 0; }).sort(function (a, b) { return b.n - a.n; });
  }

  function renderCards(matches) {
    var visible = matches.slice(0, shown);
    var fragment = document.createDocumentFragment();
    visible.forEach(function (position) { fragment.appendChild(card(position)); });
    els.list.textContent = "";
    els.list.appendChild(fragment);
    var rest = matches.length - visible.length;
    els.more.hidden = rest <= 0;
    els.more.textContent = "Show " + Math.min(rest, PAGE) + " more of " + rest;
    loadSummaries(visible);
  }

  function labels(item, facetId) {
    var f = indexOfFacet(facetId);
    return item.facets[f].map(function (v) { return data.facets[f].values[v][1]; });
  }

  function indexOfFacet(id) {
    for (var f = 0; f < data.facets.length; f++) if (data.facets[f].id === id) return f;
    return -1;
  }

  function card(position) {
    var item = data.items[position];
    var link = el("a", { href: new URL(item.url, indexUrl).href, text: item.title });
    var facts = el("dl", { class: "kb-card__facts" });
    var country = indexOfFacet("country");
    var countries = el("dd");
    item.facets[country].forEach(function (v, i) {
      var code = data.facets[country].values[v][0];
      if (i) countries.appendChild(document.createTextNode(", "));
      countries.appendChild(el("span", { "aria-hidden": "true", text: data.flags[code] || "" }));
      countries.appendChild(document.createTextNode(" " + data.facets[country].values[v][1]));
    });
    facts.appendChild(el("dt", { text: "Countries" }));
    facts.appendChild(countries);
    [["Approaches", "approach"], ["Audiences", "audience"], ["Evidence", "evidence"]].forEach(function (pair) {
      var values = labels(item, pair[1]);
      if (!values.length) return;
      facts.appendChild(el("dt", { text: pair[0] }));
      facts.appendChild(el("dd", { text: values.join(", ") }));
    });
    var summary = el("p", { class: "kb-card__summary", "data-position": String(position) });
    var chunk = summaries[Math.floor(position / data.chunkSize)];
    if (Array.isArray(chunk)) summary.textContent = chunk[position % data.chunkSize];
    return el("li", { class: "kb-card" }, [
      el("h2", { class: "kb-card__title" }, [link]), facts, summary,
    ]);
  }

  function loadSummaries(positions) {
    var needed = new Set(positions.map(function (p) { return Math.floor(p / data.chunkSize); }));
    needed.forEach(function (chunk) {
      if (summaries[chunk]) return;
      var url = new URL(data.chunkUrl.replace("{}", chunk), indexUrl).href;
      summaries[chunk] = fetch(url)
        .then(function (response) { return response.json(); })
        .then(function (texts) {
          summaries[chunk] = texts;
          els.list.querySelectorAll(".kb-card__summary").forEach(function (p) {
            var position = Number(p.getAttribute("data-position"));
            if (Math.floor(position / data.chunkSize) === chunk) p.textContent = texts[position % data.chunkSize];
          });
        })
        .catch(function () { delete summaries[chunk]; });
    });
  }
})();
