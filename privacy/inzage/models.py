"""Models of inzage and correction requests. Imported by privacy.models."""
