/* The developer portal's playground: runs a GET against /api/v2 from the page and shows
   status, headers and JSON; keeps "the same call in your stack" snippets in step. */
(function () {
  "use strict";
  var root = document.querySelector("[data-playground]");
  if (!root) return;
  var form = root.querySelector("form");
  var pathInput = document.getElementById("pg-path");
  var keyInput = document.getElementById("pg-key");
  var panel = root.querySelector("[data-response]");
  var statusPill = panel.querySelector("[data-status]");
  var statusText = panel.querySelector("[data-status-text]");
  var timing = panel.querySelector("[data-timing]");
  var headersOut = panel.querySelector("[data-headers]");
  var bodyOut = panel.querySelector("[data-body]");
  var keyHint = root.getAttribute("data-key-hint") || "rb_your_key";
  var API_PREFIX = "/api/v2/";

  function normalisedPath() {
    var path = pathInput.value.trim();
    if (path.indexOf("http://") === 0 || path.indexOf("https://") === 0) {
      try { var url = new URL(path); path = url.pathname + url.search; } catch (e) { return null; }
    }
    if (path.charAt(0) !== "/") path = "/" + path;
    if (path.indexOf(API_PREFIX) !== 0) path = API_PREFIX.slice(0, -1) + path;
    return path;
  }

  function shellQuote(text) { return "'" + text.replace(/'/g, "'\\''") + "'"; }

  function updateSnippets(path) {
    var url = window.location.origin + path;
    var key = keyHint;
    var code = {
      curl: "curl -H " + shellQuote("X-API-Key: " + key) + " \\\n  " + shellQuote(url),
      python: "import httpx\n\nresponse = httpx.get(\n    " + JSON.stringify(url) +
        ",\n    headers={\"X-API-Key\": " + JSON.stringify(key) + "},\n)\nresponse.raise_for_status()\nprint(response.json()[\"data\"])",
      javascript: "const response = await fetch(" + JSON.stringify(url) + ", {\n  headers: { \"X-API-Key\": " +
        JSON.stringify(key) + " },\n});\nconst { data } = await response.json();\nconsole.log(data);",
      go: "req, _ := http.NewRequest(\"GET\", " + JSON.stringify(url) + ", nil)\nreq.Header.Set(\"X-API-Key\", " +
        JSON.stringify(key) + ")\nresp, err := http.DefaultClient.Do(req)"
    };
    document.querySelectorAll("[data-snippet]").forEach(function (el) {
      var text = code[el.getAttribute("data-snippet")];
      if (text) el.textContent = text;
    });
  }

  function show(status, text, ok) {
    statusPill.textContent = status;
    statusPill.className = "status-pill " + (ok ? "ok" : "err");
    statusText.textContent = text;
    statusText.className = "";
  }

  function run() {
    var path = normalisedPath();
    if (!path) { show("—", "That is not a URL or a path.", false); return; }
    pathInput.value = path;
    updateSnippets(path);
    var headers = { Accept: "application/json" };
    var key = keyInput.value.trim();
    if (key) headers["X-API-Key"] = key;
    panel.setAttribute("aria-busy", "true");
    var started = performance.now();
    // credentials "omit": the call is authenticated by the key alone, as the snippets are.
    fetch(path, { headers: headers, credentials: "omit", cache: "no-store" }).then(function (response) {
      var lines = [];
      response.headers.forEach(function (value, name) { lines.push(name + ": " + value); });
      headersOut.textContent = lines.sort().join("\n");
      return response.text().then(function (text) {
        var elapsed = Math.round(performance.now() - started);
        show(String(response.status), response.statusText || (response.ok ? "OK" : "Error"), response.ok);
        timing.textContent = elapsed + " ms";
        try { bodyOut.textContent = JSON.stringify(JSON.parse(text), null, 2); }
        catch (e) { bodyOut.textContent = text; }
      });
    }).catch(function (error) {
      show("—", "The request did not complete: " + error.message, false);
    }).finally(function () {
      panel.setAttribute("aria-busy", "false");
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  root.querySelectorAll("[data-preset]").forEach(function (button) {
    button.addEventListener("click", function () {
      pathInput.value = button.getAttribute("data-preset");
      run();
    });
  });

  /* Tabs: the WAI-ARIA tabs pattern, arrow keys move between languages. */
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  function select(tab) {
    tabs.forEach(function (other) {
      var selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    });
  }
  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function () { select(tab); });
    tab.addEventListener("keydown", function (event) {
      var next = null;
      if (event.key === "ArrowRight") next = tabs[(i + 1) % tabs.length];
      if (event.key === "ArrowLeft") next = tabs[(i - 1 + tabs.length) % tabs.length];
      if (next) { event.preventDefault(); select(next); next.focus(); }
    });
  });
})();
