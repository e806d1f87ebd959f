/* Kliring Belanja SPBE: drag-and-drop upload, run-status polling, keyboard shortcuts on review pages.
   Everything works without JavaScript; this only makes it quicker. */
(function () {
  "use strict";

  function formatSize(bytes) {
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1).replace(".", ",") + " MB";
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  /* --- upload: drop zone and file list ------------------------------------------------------ */
  function initDropzone(zone) {
    var input = zone.querySelector('input[type="file"]');
    var list = zone.querySelector("[data-file-list]");
    var maxBytes = parseInt(zone.dataset.maxBytes || "0", 10);
    var accepted = (zone.dataset.accept || "").split(",");

    function render() {
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var li = document.createElement("li");
        var ext = "." + file.name.split(".").pop().toLowerCase();
        var problem = "";
        if (accepted.indexOf(ext) < 0) problem = "jenis berkas tidak diterima";
        else if (maxBytes && file.size > maxBytes) problem = "terlalu besar";
        if (problem) li.className = "bad";
        var name = document.createElement("span");
        name.textContent = file.name;
        var size = document.createElement("span");
        size.textContent = problem ? problem : formatSize(file.size);
        li.appendChild(name);
        li.appendChild(size);
        list.appendChild(li);
      });
    }

    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("dragover");
      });
    });
    ["dragleave", "dragend"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("dragover"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("dragover");
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        render();
      }
    });
    input.addEventListener("change", render);
    var form = zone.closest("form");
    if (form) {
      form.addEventListener("submit", function () {
        var button = form.querySelector("[data-submit]");
        if (button) { button.disabled = true; button.textContent = "Mengunggah dan membaca berkas…"; }
      });
    }
  }

  /* --- run status: poll until the run ends, then reload to show the results ---------------- */
  function initRunStatus(box) {
    if (box.dataset.status !== "running") return;
    var step = box.querySelector("[data-run-step]");
    var elapsed = box.querySelector("[data-run-elapsed]");
    function poll() {
      fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (!status) return setTimeout(poll, 3000);
          if (status.status === "running") {
            if (step && status.step) step.textContent = status.step + "…";
            if (elapsed && status.elapsed_seconds !== null) elapsed.textContent = Math.round(status.elapsed_seconds) + " detik";
            setTimeout(poll, 1000);
          } else {
            window.location.reload();
          }
        })
        .catch(function () { setTimeout(poll, 3000); });
    }
    setTimeout(poll, 700);
  }

  /* --- keyboard shortcuts ------------------------------------------------------------------- */
  function typing(event) {
    var t = event.target;
    if (!t) return false;
    if (t.tagName === "INPUT") return !/^(checkbox|radio|button|submit|reset)$/.test(t.type);
    return t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName);
  }

  function openHelp() {
    var dialog = document.getElementById("help");
    if (dialog && !dialog.open) dialog.showModal();
  }

  function follow(selector) {
    var link = document.querySelector(selector);
    if (link) window.location.assign(link.href);
  }

  function queueShortcuts() {
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-line]"));
    var current = -1;
    function select(i) {
      if (!rows.length) return;
      current = Math.max(0, Math.min(rows.length - 1, i));
      rows.forEach(function (row, n) { row.classList.toggle("current", n === current); });
      rows[current].scrollIntoView({ block: "nearest" });
      var link = rows[current].querySelector("[data-open]");
      if (link) link.focus({ preventScroll: true });
    }
    var all = document.querySelector("[data-select-all]");
    if (all) {
      all.addEventListener("change", function () {
        rows.forEach(function (row) { row.querySelector('input[type="checkbox"]').checked = all.checked; });
      });
    }
    return function (key) {
      var row = rows[current];
      switch (key) {
        case "j": select(current + 1); return true;
        case "k": select(current - 1); return true;
        case "x":
          if (row) { var box = row.querySelector('input[type="checkbox"]'); box.checked = !box.checked; }
          return true;
        case "a":
          if (all) { all.checked = !all.checked; all.dispatchEvent(new Event("change")); }
          return true;
        case "o":
          if (row) row.querySelector("[data-open]").click();
          return !!row;
        case "c":
          if (row) {
            var form = document.getElementById("quick-confirm");
            form.action = form.dataset.actionTemplate.replace("ID", row.dataset.line);
            form.submit();
          }
          return true;
        case "b": {
          var bulk = document.getElementById("bulk-form");
          if (bulk && bulk.querySelector('input[name="line_ids"]:checked')) bulk.submit();
          return true;
        }
      }
      return false;
    };
  }

  function focusField(id) {
    var field = document.getElementById(id);
    if (!field) return false;
    field.scrollIntoView({ block: "center" });
    field.focus();
    return true;
  }

  function detailShortcuts() {
    document.querySelectorAll("textarea").forEach(function (area) {
      area.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          area.form.requestSubmit();
        }
      });
    });
    return function (key) {
      switch (key) {
        case "j": follow("[data-next]"); return true;
        case "k": follow("[data-prev]"); return true;
        case "q": follow("[data-queue-link]"); return true;
        case "c": {
          var form = document.getElementById("form-confirm");
          if (form) form.requestSubmit();
          return true;
        }
        case "o": return focusField("overturn-note");
        case "n": return focusField("nd-note");
        case "r": return focusField("repoint-target");
      }
      return false;
    };
  }

  function initShortcuts() {
    var page = document.body.dataset.page;
    var handler = page === "review-queue" ? queueShortcuts() : page === "review-detail" ? detailShortcuts() : null;
    if (!handler) return;
    document.querySelectorAll("[data-help]").forEach(function (button) { button.addEventListener("click", openHelp); });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
      var dialog = document.getElementById("help");
      if (dialog && dialog.open) return;
      if (event.key === "?") { event.preventDefault(); openHelp(); return; }
      if (handler(event.key)) event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-dropzone]").forEach(initDropzone);
    document.querySelectorAll("[data-run-status]").forEach(initRunStatus);
    initShortcuts();
  });
})();
