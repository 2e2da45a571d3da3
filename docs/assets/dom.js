/*
 * Helpers the site's scripts share (loaded before them, see extra_javascript
 * in site.yml): kbElement(tag, attributes, children) builds an element,
 * setting "text" as its text content and every other key as an attribute, so
 * that no script writes HTML from strings.
 *
 * kbSay(key, values) and kbCount(key, n, values) give the words a script
 * shows, in the page's language: assets/kb-words.js, which the build writes
 * for each language from the js strings of i18n/<language>.yaml, sets
 * window.kbWords = {language, words} before this file runs. A word's {name}
 * placeholders are filled from values (numbers written the language's way);
 * a text about a number has one form per plural category of the language,
 * and kbCount picks the form for n, as the build's Strings.count does.
 */
(function () {
  "use strict";

  window.kbElement = function (tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") node.textContent = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  };

  var given = window.kbWords || {};
  var words = given.words || {};
  var language = given.language || document.documentElement.lang || "en";
  var numbers = new Intl.NumberFormat(language);
  var plurals = new Intl.PluralRules(language);

  // Each {name} replaced once, from values: a value holding "{x}" is shown as it is.
  function fill(text, values) {
    return text.replace(/\{([a-z_][a-z0-9_]*)\}/gi, function (placeholder, name) {
      if (!values || !Object.prototype.hasOwnProperty.call(values, name)) return placeholder;
      var value = values[name];
      return typeof value === "number" ? numbers.format(value) : String(value);
    });
  }

  // A word missing from kb-words.js shows its key, so the gap is seen (make validate names it too).
  window.kbSay = function (key, values) {
    var text = words[key];
    return fill(typeof text === "string" ? text : key, values);
  };

  window.kbCount = function (key, n, values) {
    var text = words[key];
    var form = typeof text === "string" ? text : text ? text[plurals.select(n)] || text.other : key;
    var filled = { count: n };
    Object.keys(values || {}).forEach(function (name) { filled[name] = values[name]; });
    return fill(form, filled);
  };
})();
