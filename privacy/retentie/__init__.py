"""Retention, anonymisation and the verwerkingsregister (AVG art. 5, 17, 30)."""
