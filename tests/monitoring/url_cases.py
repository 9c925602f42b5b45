"""Monitoring has no URLs outside the admin (monitoring/urls.py is empty): the
dashboard and its exports are admin views, checked in tests/monitoring/test_admin.py."""

CASES: list = []
