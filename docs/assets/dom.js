/*
 * Helpers the site's scripts share (loaded before them, see extra_javascript
 * in mkdocs.yml): kbElement(tag, attributes, children) builds an element,
 * setting "text" as its text content and every other key as an attribute, so
 * that no script writes HTML from strings.
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
})();
