// htmx: send the CSRF token with every request (read from the meta tag, no inline script).
document.body.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRFToken"] = meta.content; }
});
// Confirm before destructive or irreversible actions: <form data-confirm="...">
document.addEventListener("submit", function (event) {
  var msg = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (msg && !window.confirm(msg)) { event.preventDefault(); }
});
