"""Health check of a web container (docker-compose.yml): exit 0 when gunicorn answers
on port 8000 with any status below 500. Standard library only, no Django start-up.

The Host header is the first of ALLOWED_HOSTS, so the check is not refused as an
unknown host (and does not fill the log with DisallowedHost warnings); with the
HTTPS redirect on, the answer is a redirect, which counts as healthy."""

import http.client
import os
import sys

host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
if not host or host == "*":
    host = "localhost"
try:
    conn = http.client.HTTPConnection("127.0.0.1", 8000, timeout=8)
    conn.request("HEAD", "/inloggen/", headers={"Host": host})
    status = conn.getresponse().status
except OSError as exc:
    print(f"unhealthy: {exc.__class__.__name__}")
    sys.exit(1)
print(f"HTTP {status}")
sys.exit(0 if status < 500 else 1)
