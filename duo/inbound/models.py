"""Models of what DUO sends us (notifications). Imported by duo.models."""
