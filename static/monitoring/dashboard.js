/* Policy dashboard charts. Data comes from json_script blocks (CSP: no inline
   scripts). Suppressed figures arrive as null and are not drawn. */
(function () {
  "use strict";

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  var KLEUREN = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6"];

  function staaf(canvasId, labels, reeksen) {
    var canvas = document.getElementById(canvasId);
    if (!canvas || !window.Chart) { return; }
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: reeksen.map(function (r, i) {
          return { label: r.label, data: r.data, backgroundColor: KLEUREN[i % KLEUREN.length] };
        })
      },
      options: { responsive: true, animation: false, scales: { y: { beginAtZero: true } } }
    });
  }

  function start() {
    var g = data("mon-grafiek-data");
    if (g) {
      staaf("mon-grafiek-routes", g.routes.labels, [
        { label: "Werkelijk", data: g.routes.werkelijk },
        { label: "Regionale verwachting", data: g.routes.verwacht }
      ]);
      staaf("mon-grafiek-ladder", g.ladder.labels, [
        { label: "Bij de intake", data: g.ladder.intake },
        { label: "Nu", data: g.ladder.nu }
      ]);
    }
    var t = data("mon-trend-data");
    if (t && window.Chart) {
      document.querySelectorAll("canvas.mon-trend").forEach(function (canvas) {
        var fig = t.figuren[Number(canvas.dataset.index)];
        new window.Chart(canvas, {
          type: "line",
          data: {
            labels: t.kwartalen,
            datasets: fig.reeksen.map(function (r, i) {
              return {
                label: r.gemeente,
                data: r.punten.map(function (p) { return p.waarde; }),
                borderColor: KLEUREN[i % KLEUREN.length],
                backgroundColor: KLEUREN[i % KLEUREN.length],
                spanGaps: false
              };
            })
          },
          options: { responsive: true, animation: false, scales: { y: { beginAtZero: true } } }
        });
      });
    }
    document.documentElement.dataset.monGrafieken = "klaar";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
