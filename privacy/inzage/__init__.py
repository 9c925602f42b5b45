"""Inzage (AVG art. 15/20) and correction (art. 16) requests."""
