"""Signals other apps listen to, so the core never imports them.

``dossier_dates_changed(sender, dossier)`` — key dates of a dossier changed
(DUO notice, vestiging, …); e.g. the intake app moves the PIP-deadline task.
"""

from django.dispatch import Signal

dossier_dates_changed = Signal()
