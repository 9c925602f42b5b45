"""Ketenpartners with their own access (issue 18): staff of a partner organisation
see the dossiers a gemeente shares with that organisation on the inburgeraar's
recorded consent, and only the shared parts. See docs/begeleiding.md."""
