// htmx: send the CSRF token with every request (read from the meta tag, no inline script).
document.body.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRFToken"] = meta.content; }
});

// After a failed submit the error summary gets the focus (its items link to the fields).
// Without a summary, a confirmation page's heading gets it.
(function () {
  var doel = document.querySelector("[data-foutoverzicht]") ||
    document.querySelector("[data-bevestigen] h1, [data-bevestigen] h2");
  if (doel) { doel.focus(); }
})();

// Forms marked data-onopgeslagen warn before the page is left with unsaved changes
// (the form's own submit buttons do not warn).
(function () {
  var formulieren = document.querySelectorAll("form[data-onopgeslagen]");
  if (!formulieren.length) { return; }
  var gewijzigd = false;
  var verzenden = false;
  function markeer(form) {
    gewijzigd = true;
    var melding = form.querySelector("[data-onopgeslagen-melding]");
    if (melding && !melding.textContent) {
      melding.textContent = "U heeft wijzigingen die nog niet zijn opgeslagen.";
    }
  }
  formulieren.forEach(function (form) {
    form.addEventListener("input", function () { markeer(form); });
    form.addEventListener("change", function () { markeer(form); });
    form.addEventListener("submit", function () { verzenden = true; });
  });
  window.addEventListener("beforeunload", function (event) {
    if (gewijzigd && !verzenden) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();

// Narrow screens stack every table (css/app.css): give each cell its column name,
// unless the template already did (data-label).
document.querySelectorAll("table.app-table").forEach(function (tabel) {
  var koppen = Array.prototype.map.call(tabel.querySelectorAll("thead th"), function (th) {
    var kopie = th.cloneNode(true);
    kopie.querySelectorAll(".app-visually-hidden, [aria-hidden]").forEach(function (e) { e.remove(); });
    return kopie.textContent.trim();
  });
  tabel.querySelectorAll("tbody tr").forEach(function (rij) {
    Array.prototype.forEach.call(rij.children, function (cel, i) {
      if (cel.tagName === "TD" && koppen[i] && !cel.hasAttribute("data-label")) {
        cel.setAttribute("data-label", koppen[i]);
      }
    });
  });
});

// A table wider than its place scrolls inside its container (.app-tabelrol, see
// css/app.css). While it scrolls, the container takes the keyboard focus (to scroll
// with the arrow keys) and is a named region (the table's caption or the heading of
// its section); a table that fits adds no stop to the tab order.
(function () {
  function naam(rol) {
    var caption = rol.querySelector("caption");
    var sectie = rol.closest("section, .app-card");
    var kop = sectie && sectie.querySelector("h1, h2, h3, h4");
    var tekst = (caption || kop || { textContent: "" }).textContent.replace(/\s+/g, " ").trim();
    return tekst ? "Tabel: " + tekst : "Tabel";
  }
  function bijwerken(rol) {
    if (rol.scrollWidth > rol.clientWidth + 1) {
      rol.tabIndex = 0;
      rol.setAttribute("role", "region");
      rol.setAttribute("aria-label", naam(rol));
    } else {
      rol.removeAttribute("tabindex");
      rol.removeAttribute("role");
      rol.removeAttribute("aria-label");
    }
  }
  var waarnemer = window.ResizeObserver && new ResizeObserver(function (items) {
    items.forEach(function (item) {
      var rol = item.target.closest(".app-tabelrol");
      if (rol) { bijwerken(rol); }
    });
  });
  function alle(wortel) {
    wortel.querySelectorAll(".app-tabelrol").forEach(function (rol) {
      bijwerken(rol);
      if (waarnemer) {
        waarnemer.observe(rol);
        var tabel = rol.querySelector("table");
        if (tabel) { waarnemer.observe(tabel); }
      }
    });
  }
  alle(document);
  document.body.addEventListener("htmx:afterSettle", function () { alle(document); });
})();
