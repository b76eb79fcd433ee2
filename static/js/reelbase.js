/* Reelbase: small progressive enhancements. Every page works without this file:
   menus are <details>, search is a GET form, posters have generated art underneath. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  /* Posters: an image that failed is replaced by the generated poster; if that fails too
     (or it is a portrait), it is hidden so the CSS art underneath shows. */
  function markBroken(img) {
    var fallback = img.getAttribute("data-fallback");
    if (fallback && img.getAttribute("src") !== fallback) {
      img.setAttribute("src", fallback);
    } else {
      img.classList.add("is-broken");
    }
  }
  document.addEventListener("error", function (event) {
    var el = event.target;
    if (el && el.tagName === "IMG" && el.closest(".poster-frame")) markBroken(el);
  }, true);

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    // Images that failed before this listener existed.
    document.querySelectorAll(".poster-frame img").forEach(function (img) {
      if (img.complete && img.naturalWidth === 0) markBroken(img);
    });
    setUpNavToggle();
    setUpMenus();
    document.querySelectorAll("input[data-autocomplete]").forEach(setUpCombobox);
    // Filter panels start folded on narrow screens so results come first; they stay open
    // without JavaScript, and when the filters have an error to show.
    var narrow = window.matchMedia("(max-width: 959px)");
    var foldable = document.querySelectorAll("details[data-collapse-narrow]");
    function fit() {
      // Wide screens hide the summary, so the panel must be open there.
      var fold = narrow.matches && !document.querySelector(".error-box");
      foldable.forEach(function (details) { details.open = !fold; });
    }
    fit();
    narrow.addEventListener("change", fit);
    document.querySelectorAll("form[data-clean-submit]").forEach(function (form) {
      // Leave empty fields out of the URL so filtered pages have short, shareable addresses.
      form.addEventListener("submit", function () {
        form.querySelectorAll("input, select").forEach(function (field) {
          if (field.name && field.value === "" ) field.disabled = true;
        });
        setTimeout(function () {
          form.querySelectorAll(":disabled").forEach(function (field) { field.disabled = false; });
        }, 0);
      });
    });
  });

  function setUpNavToggle() {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("main-nav");
    if (!toggle || !nav) return;
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("is-open");
      toggle.setAttribute("aria-expanded", String(open));
    });
  }

  /* <details class="menu">: close on Escape (focus back to the summary) and on outside click. */
  function setUpMenus() {
    var menus = document.querySelectorAll("details.menu");
    document.addEventListener("click", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      });
    });
    menus.forEach(function (menu) {
      menu.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.open) {
          menu.open = false;
          menu.querySelector("summary").focus();
        }
      });
    });
  }

  /* Search autocomplete: the WAI-ARIA 1.2 combobox pattern with a listbox popup.
     Arrow keys move the active option, Enter opens it, Escape closes the list. */
  function setUpCombobox(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var endpoint = input.getAttribute("data-autocomplete");
    if (!list || !endpoint) return;
    var options = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(results) {
      list.textContent = "";
      options = results.map(function (result, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.className = "suggestion";
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.url = result.url;
        var text = document.createElement("span");
        var label = document.createElement("span");
        label.textContent = result.label;
        text.appendChild(label);
        if (result.detail) {
          var sub = document.createElement("span");
          sub.className = "suggestion-sub";
          sub.textContent = " " + result.detail;
          text.appendChild(sub);
        }
        var kind = document.createElement("span");
        kind.className = "suggestion-kind";
        kind.textContent = result.kind;
        li.appendChild(text);
        li.appendChild(kind);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { window.location.assign(result.url); });
        list.appendChild(li);
        return li;
      });
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < 2) { close(); return; }
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(endpoint + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" }, signal: controller.signal
      }).then(function (response) {
        return response.ok ? response.json() : { results: [] };
      }).then(function (body) {
        if (input.value.trim() === query) render(body.results || []);
      }).catch(function (error) {
        if (error.name !== "AbortError") close();
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 120);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { lastQuery = ""; fetchSuggestions(); return; }
        setActive(active + 1 >= options.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        setActive(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].dataset.url);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }
})();
