"""Test settings: the same base, fast password hashing. DATABASE_URL / REDIS_URL
choose PostgreSQL and Redis exactly as in production (CI always sets them)."""

import os
import tempfile

os.environ.setdefault("DEBUG", "false")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_LOCAL_FILES = STORAGES["private"]["BACKEND"].endswith("FileSystemStorage")  # noqa: F405
if _LOCAL_FILES and "PRIVATE_MEDIA_ROOT" not in os.environ:  # a drill's subprocesses share it
    STORAGES["private"]["OPTIONS"]["location"] = tempfile.mkdtemp(prefix="inburgering-private-")  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The second factor is optional in tests (tests that need it turn it on with
# override_settings); production forces it on.
OTP_REQUIRED = False
OTP_REQUIRED_ADMIN = False
if os.environ.get("DRILL_EMAIL_DIR"):
    # Fault drills count the e-mails their worker processes really sent (one file each).
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["DRILL_EMAIL_DIR"]
