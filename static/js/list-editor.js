/* List editor: drag-and-drop reordering, plus Alt+Up/Down on a focused handle.
   Without JavaScript the Up/Down/Move buttons (plain forms) do the same job. */
(function () {
  "use strict";
  var list = document.querySelector(".edit-items");
  if (!list || list.hasAttribute("data-no-drag")) return;
  var status = document.getElementById("reorder-status");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  var dragged = null;

  function items() { return Array.prototype.slice.call(list.querySelectorAll(".edit-item")); }
  function titleOf(item) { return item.querySelector(".edit-film strong").textContent; }

  function renumber() {
    items().forEach(function (item, i) {
      item.querySelector(".edit-position").textContent = String(i + 1);
      var input = item.querySelector(".move-to input[name=position]");
      if (input) input.value = String(i + 1);
    });
  }

  function save(moved) {
    var body = new URLSearchParams();
    body.set("order", items().map(function (item) { return item.dataset.itemId; }).join(","));
    fetch(list.dataset.reorderUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrf ? csrf.value : "", "Accept": "application/json" },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) throw new Error("save failed");
      renumber();
      var position = items().indexOf(moved) + 1;
      if (status) status.textContent = titleOf(moved) + " moved to position " + position + ".";
    }).catch(function () {
      if (status) status.textContent = "Could not save the new order; reloading.";
      window.location.reload();
    });
  }

  items().forEach(function (item) {
    var handle = item.querySelector(".drag-handle");
    item.draggable = true;
    handle.setAttribute("tabindex", "0");
    handle.setAttribute("role", "button");
    handle.removeAttribute("aria-hidden");
    handle.setAttribute("aria-label", "Reorder " + titleOf(item) + " (Alt+Up or Alt+Down)");

    item.addEventListener("dragstart", function (event) {
      dragged = item;
      item.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.dataset.itemId);
    });
    item.addEventListener("dragend", function () {
      item.classList.remove("dragging");
      if (dragged) save(dragged);
      dragged = null;
    });
    item.addEventListener("dragover", function (event) {
      if (!dragged || dragged === item) return;
      event.preventDefault();
      var box = item.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? item.nextSibling : item);
    });
    handle.addEventListener("keydown", function (event) {
      if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      event.preventDefault();
      var sibling = event.key === "ArrowUp" ? item.previousElementSibling : item.nextElementSibling;
      if (!sibling) return;
      list.insertBefore(item, event.key === "ArrowUp" ? sibling : sibling.nextSibling);
      handle.focus();
      save(item);
    });
  });
})();
