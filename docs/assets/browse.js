/*
 * The browse page: facets with live counts, a text filter and sorting over
 * every practice, with the whole state in the URL query
 * (?country=DE&country=NL&approach=policing&q=youth&sort=title).
 *
 * Data comes from the JSON files kb/render/browse.py writes at build time: a compact
 * index for filtering and counting, card chunks (id, title, summary) fetched
 * for the cards on screen, and the filter text, fetched on first use.
 *
 * Within a facet, values combine with OR; across facets, with AND. The count
 * beside a value is how many practices would match if it were added, given
 * every other active filter. Each facet value is a bitset over all practices,
 * so a click costs a few thousand word operations even at 10,000 practices.
 * Without JavaScript the static cards stay. With it, each card shown is a copy
 * of the page's first static card filled in from the data, so the card has one
 * definition: kb/render/templates/browse_card.html. Every word it shows comes
 * from the js.browse strings of the page's language (kbSay and kbCount, dom.js).
 */
(function () {
  "use strict";

  var el = window.kbElement;  // docs/assets/dom.js
  var say = window.kbSay;
  var count = window.kbCount;

  var PAGE = 20; // cards rendered at a time; "Show more" adds the next ones
  var LONG_FACET = 10; // values a facet shows before its list scrolls (kb.css .kb-facet__values--long)
  var SORTS = ["title", "country", "reviewed"]; // each named by the string js.browse.sort_<id>

  var root = document.querySelector("[data-kb-browse]");
  if (!root || !window.fetch || !window.URLSearchParams) return;

  var indexUrl = new URL(root.getAttribute("data-kb-browse"), document.baseURI);
  var data = null; // the index
  var bits = null; // bits[facet][value] -> Uint32Array over practices
  var words = 0; // length of each bitset
  var everyone = null; // all practices
  var itemValues = null; // itemValues[position][facet] -> array of value positions
  var titleOrder = null;
  var state = null;
  var shown = PAGE;
  var cards = {}; // chunk number -> array of [id, title, summary], or a pending promise
  var texts = null; // filter text per practice, or a pending promise
  var textMask = null;
  var renderToken = 0;
  var els = {};
  var cardPattern = null; // the first static card, which every card is a copy of

  fetch(indexUrl.href)
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (index) {
      data = index;
      buildBitsets();
      state = readState(window.location.search);
      buildControls();
      afterText(function () { update(false); });
      window.addEventListener("popstate", function () {
        state = readState(window.location.search);
        shown = PAGE;
        syncControls();
        afterText(function () { update(false); });
      });
    })
    .catch(function () {
      /* Keep the static cards: they list every practice already. */
    });

  // ---- bitsets -------------------------------------------------------------

  function buildBitsets() {
    var n = data.count;
    words = Math.ceil(n / 32);
    bits = data.facets.map(function (facet) {
      return facet.values.map(function () { return new Uint32Array(words); });
    });
    itemValues = new Array(n);
    data.items.forEach(function (line, position) {
      var perFacet = line.split("|").map(function (part) {
        return part ? part.split(",").map(Number) : [];
      });
      itemValues[position] = perFacet;
      perFacet.forEach(function (values, f) {
        values.forEach(function (v) { bits[f][v][position >>> 5] |= 1 << (position & 31); });
      });
    });
    everyone = new Uint32Array(words);
    for (var p = 0; p < n; p++) everyone[p >>> 5] |= 1 << (p & 31);
    titleOrder = new Array(n);
    for (var t = 0; t < n; t++) titleOrder[t] = t;
  }

  function popcount(x) {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }

  function countAnd(a, b) {
    var total = 0;
    for (var w = 0; w < words; w++) total += popcount(a[w] & b[w]);
    return total;
  }

  function has(mask, position) {
    return (mask[position >>> 5] & (1 << (position & 31))) !== 0;
  }

  // The practices allowed by one facet's selection (OR of its values), or null if none is selected.
  function facetMask(f, selected) {
    if (!selected.size) return null;
    var mask = new Uint32Array(words);
    selected.forEach(function (v) {
      var set = bits[f][v];
      for (var w = 0; w < words; w++) mask[w] |= set[w];
    });
    return mask;
  }

  function intersect(masks) {
    var result = everyone.slice();
    masks.forEach(function (mask) {
      if (!mask) return;
      for (var w = 0; w < words; w++) result[w] &= mask[w];
    });
    return result;
  }

  // ---- state <-> URL ---------------------------------------------------------

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
    var known = SORTS.indexOf(sort) !== -1;
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

  // ---- the text filter -------------------------------------------------------

  // Runs then() once the filter text is loaded, if the state needs it.
  function afterText(then) {
    if (!state.q) { textMask = null; then(); return; }
    if (Array.isArray(texts)) { textMask = textFilter(state.q); then(); return; }
    if (!texts) {
      texts = fetch(new URL(data.textUrl, indexUrl).href).then(function (r) { return r.json(); });
    }
    texts.then(function (loaded) {
      texts = loaded;
      textMask = textFilter(state.q);
      then();
    });
  }

  function textFilter(query) {
    var needles = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var mask = new Uint32Array(words);
    texts.forEach(function (text, position) {
      for (var i = 0; i < needles.length; i++) if (text.indexOf(needles[i]) === -1) return;
      mask[position >>> 5] |= 1 << (position & 31);
    });
    return mask;
  }

  // ---- matching and counting -------------------------------------------------

  function evaluate(selected) {
    var masks = data.facets.map(function (facet, f) { return facetMask(f, selected[f]); });
    var counts = data.facets.map(function (facet, f) {
      // Counts for a facet ignore its own selection: they say what adding a value would give.
      var others = intersect(masks.filter(function (m, g) { return g !== f; }).concat([textMask]));
      return facet.values.map(function (value, v) { return countAnd(bits[f][v], others); });
    });
    var matching = intersect(masks.concat([textMask]));
    var total = 0;
    for (var w = 0; w < words; w++) total += popcount(matching[w]);
    return { matching: matching, total: total, counts: counts };
  }

  function orderOf(sort) {
    return sort === "title" ? titleOrder : data.orders[sort];
  }

  function firstMatches(matching, limit) {
    var order = orderOf(state.sort);
    var found = [];
    for (var i = 0; i < order.length && found.length < limit; i++) {
      if (has(matching, order[i])) found.push(order[i]);
    }
    return found;
  }

  // ---- building the controls -------------------------------------------------


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
      // A facet with many values (countries) scrolls within a set height, so the
      // facets after it stay in view.
      var long = facet.values.length > LONG_FACET ? " kb-facet__values--long" : "";
      var list = el("ul", { class: "kb-facet__values" + long });
      var boxes = facet.values.map(function (value, position) {
        var id = "kb-" + facet.id + "-" + position;
        var input = el("input", { type: "checkbox", id: id, name: facet.id, value: value[0] });
        input.addEventListener("change", function () {
          if (input.checked) state.selected[f].add(position);
          else state.selected[f].delete(position);
          shown = PAGE;
          update(true);
        });
        var counted = el("span", { class: "kb-facet__count" });
        var label = el("label", { for: id }, [document.createTextNode(value[1] + " "), counted]);
        list.appendChild(el("li", {}, [input, label]));
        return { input: input, count: counted, item: list.lastChild, shownCount: -1 };
      });
      var fieldset = el("fieldset", { class: "kb-facet" }, [legend, list]);
      els.panel.appendChild(fieldset);
      return boxes;
    });

    els.q = el("input", {
      type: "search", id: "kb-filter-text", class: "kb-browse__text",
      placeholder: say("browse.filter_placeholder"), autocomplete: "off",
    });
    els.q.addEventListener("input", function () {
      state.q = els.q.value.trim();
      shown = PAGE;
      afterText(function () { update(false); });
    });
    els.sort = el("select", { id: "kb-sort" });
    SORTS.forEach(function (id) { els.sort.appendChild(el("option", { value: id, text: say("browse.sort_" + id) })); });
    els.sort.addEventListener("change", function () {
      state.sort = els.sort.value;
      update(true);
    });
    els.clear = el("button", { type: "button", class: "md-button kb-browse__clear", text: say("browse.clear") });
    els.clear.addEventListener("click", function () {
      state = { selected: data.facets.map(function () { return new Set(); }), q: "", sort: state.sort };
      textMask = null;
      shown = PAGE;
      syncControls();
      update(true);
      els.q.focus();
    });
    els.status = el("p", { class: "kb-browse__status", role: "status", "aria-live": "polite" });
    els.active = el("ul", { class: "kb-browse__chips", "aria-label": say("browse.active_filters") });

    var bar = el("div", { class: "kb-browse__bar" }, [
      el("label", { for: "kb-filter-text", class: "kb-browse__label", text: say("browse.filter_label") }), els.q,
      el("label", { for: "kb-sort", class: "kb-browse__label", text: say("browse.sort_label") }), els.sort,
      els.toggle, els.clear,
    ]);
    els.toggle.addEventListener("click", function () {
      var open = els.toggle.getAttribute("aria-expanded") !== "true";
      els.toggle.setAttribute("aria-expanded", String(open));
      root.classList.toggle("kb-browse--open", open);
    });

    els.list = root.querySelector(".kb-cards");
    var firstCard = els.list.querySelector(".kb-card"); // none only when there is no practice to show
    cardPattern = firstCard && firstCard.cloneNode(true);
    els.more = el("button", { type: "button", class: "md-button kb-browse__more" });
    els.more.addEventListener("click", function () {
      var first = shown;
      shown += PAGE;
      update(false, first);
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

  // ---- rendering -------------------------------------------------------------

  function activeCount() {
    return state.selected.reduce(function (sum, set) { return sum + set.size; }, 0) + (state.q ? 1 : 0);
  }

  function update(push, focusFrom) {
    var result = evaluate(state.selected);
    writeState(push);
    var n = result.total;
    els.status.textContent = n === data.count
      ? count("browse.status_all", data.count)
      : count("browse.status_some", data.count, { shown: n });
    var filters = activeCount();
    els.toggle.textContent = filters ? count("browse.filters_active", filters) : say("browse.filters");
    els.clear.disabled = filters === 0;

    els.fieldsets.forEach(function (boxes, f) {
      boxes.forEach(function (box, position) {
        var n = result.counts[f][position];
        if (n === box.shownCount) return; // touch the DOM only where a number changed
        box.shownCount = n;
        box.count.textContent = count("browse.value_count", n);
        box.item.classList.toggle("kb-facet__value--empty", n === 0);
      });
    });
    renderChips();
    renderCards(firstMatches(result.matching, shown), n, focusFrom);
    renderEmpty(n);
  }

  function renderChips() {
    els.active.textContent = "";
    data.facets.forEach(function (facet, f) {
      facet.values.forEach(function (value, position) {
        if (!state.selected[f].has(position)) return;
        var button = el("button", {
          type: "button", class: "kb-chip",
          "aria-label": say("browse.remove_filter", { facet: facet.label, value: value[1] }),
        }, [document.createTextNode(say("browse.chip", { value: value[1] }))]);
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
    els.empty.appendChild(el("p", { text: say("browse.empty") }));
    var list = el("ul");
    suggestions().forEach(function (s) {
      var button = el("button", { type: "button", class: "md-button", text: s.label });
      button.addEventListener("click", function () { s.apply(); syncControls(); afterText(function () { update(true); }); });
      list.appendChild(el("li", {}, [button]));
    });
    els.empty.appendChild(list);
  }

  function suggestions() {
    // For each active filter, how many practices would match without it.
    var found = [];
    data.facets.forEach(function (facet, f) {
      state.selected[f].forEach(function (position) {
        var fewer = state.selected.map(function (set) { return new Set(set); });
        fewer[f].delete(position);
        var n = evaluate(fewer).total;
        found.push({
          n: n,
          label: count("browse.remove_value", n, { value: facet.values[position][1] }),
          apply: function () { state.selected[f].delete(position); },
        });
      });
    });
    if (state.q) {
      var saved = textMask;
      textMask = null;
      var n = evaluate(state.selected).total;
      textMask = saved;
      found.push({
        n: n, label: count("browse.remove_text", n, { text: state.q }),
        apply: function () { state.q = ""; },
      });
    }
    return found.filter(function (s) { return s.n > 0; }).sort(function (a, b) { return b.n - a.n; });
  }

  // Cards need their chunk (title, summary); fetch what is missing, then render.
  function renderCards(positions, total, focusFrom) {
    var token = ++renderToken;
    var rest = total - positions.length;
    loadCards(positions).then(function () {
      if (token !== renderToken) return; // a newer render has started
      var fragment = document.createDocumentFragment();
      positions.forEach(function (position) { fragment.appendChild(card(position)); });
      els.list.textContent = "";
      els.list.appendChild(fragment);
      els.more.hidden = rest <= 0;
      els.more.textContent = count("browse.more", rest, { next: Math.min(rest, PAGE) });
      if (focusFrom !== undefined && els.list.children[focusFrom]) {
        els.list.children[focusFrom].querySelector("a").focus();
      }
    });
  }

  function loadCards(positions) {
    var needed = new Set(positions.map(function (p) { return Math.floor(p / data.chunkSize); }));
    var pending = [];
    needed.forEach(function (chunk) {
      if (Array.isArray(cards[chunk])) return;
      if (!cards[chunk]) {
        var url = new URL(data.cardsUrl.replace("{}", chunk), indexUrl).href;
        cards[chunk] = fetch(url)
          .then(function (response) { return response.json(); })
          .then(function (rows) { cards[chunk] = rows; })
          .catch(function (error) { delete cards[chunk]; throw error; });
      }
      pending.push(cards[chunk]);
    });
    return Promise.all(pending);
  }

  function facetIndex(id) {
    for (var f = 0; f < data.facets.length; f++) if (data.facets[f].id === id) return f;
    throw new Error("no facet " + id);
  }

  // A card is the server's card (kb/render/templates/browse_card.html) filled in again:
  // a copy of the first static card, with its link, title, summary and each row
  // (dd[data-kb-facet]) set from the data, and a row with no value hidden, as there.
  function card(position) {
    var row = cards[Math.floor(position / data.chunkSize)][position % data.chunkSize];
    var node = cardPattern.cloneNode(true);
    var link = node.querySelector(".kb-card__title a");
    link.setAttribute("href", new URL(row[0] + "/", indexUrl).href);
    link.textContent = row[1];
    node.querySelector(".kb-card__summary").textContent = row[2];
    Array.prototype.forEach.call(node.querySelectorAll("dd[data-kb-facet]"), function (dd) {
      fillRow(dd, facetIndex(dd.getAttribute("data-kb-facet")), itemValues[position]);
    });
    return node;
  }

  // A row's values as the template writes them: "a, b", each after its flag where the
  // template gives the row flags (a span before each country's name).
  function fillRow(dd, f, values) {
    var flag = dd.querySelector("span");
    var shown = values[f];
    dd.textContent = "";
    shown.forEach(function (v, i) {
      var value = data.facets[f].values[v];
      if (i) dd.appendChild(document.createTextNode(", "));
      if (flag) {
        var copy = flag.cloneNode(false);
        copy.textContent = data.flags[value[0]] || "";
        dd.appendChild(copy);
        dd.appendChild(document.createTextNode(" " + value[1]));
      } else {
        dd.appendChild(document.createTextNode(value[1]));
      }
    });
    dd.hidden = shown.length === 0;
    dd.previousElementSibling.hidden = shown.length === 0;
  }
})();
