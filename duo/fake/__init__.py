"""A local DUO that enforces DUO's published business rules (dev, demo and tests only)."""
