"""Models of retention periods and the verwerkingsregister. Imported by privacy.models."""
