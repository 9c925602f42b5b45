"""URL permission cases of the privacy app (tests/test_url_permissions.py)."""

from tests.privacy.inzage.url_cases import CASES as INZAGE_CASES

CASES = [*INZAGE_CASES]
