// Typeahead for the search fields (input[data-suggest]): suggestions from GET /v1/suggest.
// Progressive enhancement: without this script the field is a plain search form. ARIA 1.2
// combobox pattern: the input is the combobox, the list a listbox of options; Down/Up move
// through the options, Enter opens the chosen begrip, Escape closes the list. Text is only ever
// set with textContent (no HTML from the server is parsed).
(function () {
  "use strict";
  var DELAY = 80;

  function setup(input, n) {
    var url = input.getAttribute("data-suggest");
    var focused = document.activeElement === input;  // moving it into the wrapper drops focus
    var wrapper = document.createElement("div");
    wrapper.className = "typeahead";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    if (focused) { input.focus(); }
    var list = document.createElement("ul");
    list.id = "suggesties-" + n;
    list.className = "suggesties";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggesties");
    list.hidden = true;
    wrapper.appendChild(list);
    var status = document.createElement("div");
    status.className = "visueel-verborgen";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var items = [], active = -1, timer = null, asked = 0, controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      }
    }

    function option(item, i) {
      var li = document.createElement("li");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var term = document.createElement("span");
      term.className = "term";
      term.textContent = item.label !== item.term ? item.label + " (" + item.term + ")" : item.term;
      li.appendChild(term);
      var where = item.source || item.scheme;
      if (where) {
        var source = document.createElement("span");
        source.className = "bron";
        source.textContent = where;
        li.appendChild(source);
      }
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });
      li.addEventListener("click", function () { window.location.assign(item.href); });
      return li;
    }

    function show(found) {
      items = found;
      list.textContent = "";
      items.forEach(function (item, i) { list.appendChild(option(item, i)); });
      active = -1;
      if (items.length === 0) {
        close();
        status.textContent = "Geen suggesties";
        return;
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = items.length === 1 ? "1 suggestie" : items.length + " suggesties";
    }

    function ask() {
      var text = input.value.trim();
      if (!text) { show([]); status.textContent = ""; return; }
      var mine = ++asked;
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.json() : { items: [] };
      }).then(function (body) {
        if (mine === asked) { show(body.items || []); }
      }).catch(function () { /* aborted or offline: the form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!open) { if (items.length) { show(items); } else { ask(); } event.preventDefault(); return; }
        mark(active + 1 >= items.length ? 0 : active + 1);
        event.preventDefault();
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!open) { return; }
        mark(active <= 0 ? items.length - 1 : active - 1);
        event.preventDefault();
      } else if (event.key === "Enter") {
        if (open && active >= 0) {  // otherwise the form is submitted as always
          event.preventDefault();
          window.location.assign(items[active].href);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        window.clearTimeout(timer);  // a question still on its way must not open the list again
        asked++;
        if (open) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 0); });
  }

  var fields = document.querySelectorAll("input[data-suggest]");
  for (var i = 0; i < fields.length; i++) { setup(fields[i], i); }
})();
