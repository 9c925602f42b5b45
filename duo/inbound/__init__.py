"""Receiving from DUO (issue 14): notifications, their processing, and on-demand lookups."""
