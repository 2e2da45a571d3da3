/*
 * Site search with Pagefind: a results list under the header's search box,
 * and the full search page (search/?q=...).
 *
 * Pagefind downloads only the index chunks a query needs, from each of the
 * site's bundles (a large site has several). Each result shows
 * what kind of page it is, its countries and approaches (metadata that
 * kb/render/search_index.py writes into every page), and an excerpt in which
 * Pagefind has already escaped the page text and marked the matches. Every
 * word it shows comes from the js.search strings of the page's language
 * (kbSay and kbCount, dom.js); the kinds, countries and approaches of results
 * are in the page's language in the index already.
 */
(function () {
  "use strict";

  var el = window.kbElement;  // docs/assets/dom.js
  var say = window.kbSay;
  var count = window.kbCount;

  var HEADER_RESULTS = 8;
  var PAGE_RESULTS = 20;
  var box = document.querySelector("[data-kb-search]");
  if (!box) return;

  var bundle = new URL(box.getAttribute("data-pagefind"), document.baseURI);
  var siteRoot = new URL("..", bundle);
  var pagefind = null;

  // A large site's index is written in several bundles (kb/build/pagefind_service.py):
  // the first lists the others, which Pagefind merges in and ranks with it.
  function otherBundles() {
    return fetch(new URL("kb-shards.json", bundle).href)
      .then(function (response) { return response.ok ? response.json() : { bundles: [] }; })
      .then(function (listed) { return listed.bundles || []; })
      .catch(function () { return []; });
  }

  function loadPagefind() {
    if (!pagefind) {
      // Results link relative to where the site is served, even under a subpath.
      var options = { baseUrl: siteRoot.pathname };
      pagefind = Promise.all([import(bundle.href), otherBundles()]).then(function (loaded) {
        var module = loaded[0];
        return module.options(options).then(function () {
          module.init();
          return Promise.all(loaded[1].map(function (path) {
            return module.mergeIndex(new URL(path, bundle).pathname, options);
          }));
        }).then(function () { return module; });
      });
    }
    return pagefind;
  }


  function describe(result) {
    var meta = result.meta || {};
    return [meta.kind, meta.countries, meta.approaches].filter(Boolean).join(" · ");
  }

  function excerpt(result) {
    var node = el("span", { class: "kb-result__excerpt" });
    node.innerHTML = result.excerpt; // escaped by Pagefind; its only markup is <mark>
    return node;
  }

  function headerOption(result, id) {
    return el("a", { class: "kb-result", href: result.url, id: id, role: "option", "aria-selected": "false" }, [
      el("span", { class: "kb-result__title", text: (result.meta || {}).title }),
      el("span", { class: "kb-result__meta", text: describe(result) }),
      excerpt(result),
    ]);
  }

  function pageItem(result) {
    return el("li", { class: "kb-result" }, [
      el("a", { class: "kb-result__title", href: result.url, text: (result.meta || {}).title }),
      el("span", { class: "kb-result__meta", text: describe(result) }),
      excerpt(result),
    ]);
  }

  function search(query) {
    return loadPagefind().then(function (module) { return module.debouncedSearch(query, {}, 150); });
  }

  // ---- the header box --------------------------------------------------

  var input = box.querySelector(".kb-search__input");
  var form = box.querySelector(".kb-search__form");
  var panel = box.querySelector(".kb-search__results");
  var list = box.querySelector(".kb-search__options");
  var all = box.querySelector(".kb-search__all");
  var opener = box.querySelector(".kb-search__open");
  var openPage = all.textContent; // the link's own words (theme.search_page), shown again when all fit
  var active = -1;
  var options = [];

  function setOpen(open) {
    panel.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (!open) setActive(-1);
  }

  function setActive(index) {
    options.forEach(function (option, i) {
      option.classList.toggle("kb-result--active", i === index);
      option.setAttribute("aria-selected", String(i === index));
    });
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function showHeaderResults(query) {
    if (!query) { list.textContent = ""; setOpen(false); return; }
    search(query).then(function (found) {
      if (found === null || input.value.trim() !== query) return; // a newer query is running
      return Promise.all(found.results.slice(0, HEADER_RESULTS).map(function (r) { return r.data(); }))
        .then(function (results) {
          list.textContent = "";
          options = results.map(function (result, i) {
            return headerOption(result, "kb-search-option-" + i);
          });
          // A listbox must hold options, so the role comes and goes with them.
          if (options.length) list.setAttribute("role", "listbox");
          else list.removeAttribute("role");
          options.forEach(function (option) { list.appendChild(option); });
          if (!results.length) {
            list.appendChild(el("p", { class: "kb-search__none", text: say("search.none", { query: query }) }));
          }
          all.href = form.getAttribute("action") + "?q=" + encodeURIComponent(query);
          all.textContent = found.results.length > HEADER_RESULTS
            ? count("search.all_results", found.results.length, { query: query })
            : openPage;
          setActive(-1);
          setOpen(true);
        });
    });
  }

  input.addEventListener("focus", function () { loadPagefind(); });
  input.addEventListener("input", function () { showHeaderResults(input.value.trim()); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      setActive(Math.min(active + 1, options.length - 1));
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      setActive(Math.max(active - 1, -1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = options[active].href;
    } else if (event.key === "Escape") {
      setOpen(false);
      if (box.classList.contains("kb-search--open")) toggle(false);
    }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) setOpen(false);
  });

  function toggle(open) {
    box.classList.toggle("kb-search--open", open);
    opener.setAttribute("aria-expanded", String(open));
    if (open) input.focus();
  }
  opener.addEventListener("click", function () { toggle(!box.classList.contains("kb-search--open")); });

  // ---- the search page -------------------------------------------------

  var page = document.querySelector("[data-kb-search-page]");
  if (!page) return;
  var pageInput = el("input", {
    type: "search", id: "kb-search-page-input", class: "kb-search-page__input", autocomplete: "off",
  });
  var status = el("p", { class: "kb-search-page__status", role: "status", "aria-live": "polite" });
  var results = el("ol", { class: "kb-search-page__results" });
  var more = el("button", { type: "button", class: "md-button", hidden: "" });
  var shown = 0;
  var current = null;

  page.textContent = "";
  [el("label", { for: "kb-search-page-input", class: "kb-browse__label", text: say("search.label") }), pageInput, status, results, more]
    .forEach(function (node) { page.appendChild(node); });

  function renderMore() {
    var slice = current.results.slice(shown, shown + PAGE_RESULTS);
    shown += slice.length;
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (data) {
      data.forEach(function (result) { results.appendChild(pageItem(result)); });
      more.hidden = shown >= current.results.length;
      more.textContent = say("search.more");
    });
  }

  function runPageSearch(query) {
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url.href);
    if (!query) { results.textContent = ""; status.textContent = ""; more.hidden = true; return; }
    search(query).then(function (found) {
      if (found === null) return;
      current = found;
      shown = 0;
      results.textContent = "";
      var n = found.results.length;
      status.textContent = n ? count("search.status", n, { query: query }) : say("search.none_page", { query: query });
      return renderMore();
    });
  }

  more.addEventListener("click", renderMore);
  pageInput.addEventListener("input", function () { runPageSearch(pageInput.value.trim()); });
  pageInput.value = new URLSearchParams(window.location.search).get("q") || "";
  if (pageInput.value) runPageSearch(pageInput.value.trim());
  pageInput.focus();
})();
