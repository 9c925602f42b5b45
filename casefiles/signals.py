"""Signals other apps listen to, so the core never imports them.

``dossier_dates_changed(sender, dossier)`` — key dates of a dossier changed
(DUO notice, vestiging, …); e.g. the intake app moves the PIP-deadline task.
``plicht_beeindigd(sender, dossier)`` — DUO's decision that the inburgeringsplicht
ended was recorded (ontheffing, vrijstelling, …); apps close what they keep open for
the law's deadlines (e.g. the PIP app lets planned voortgangsgesprekken lapse).
"""

from django.dispatch import Signal

dossier_dates_changed = Signal()
plicht_beeindigd = Signal()
