"""Money beyond leerroutes (issue 18): other costs per dossier (reiskosten, tolk,
kinderopvang during lessons, materials) charged to a budget (participatiebudget,
uitvoeringskosten, the Rijk's per-person contribution). The budget amounts per year
are a table of monitoring; the dashboard shows spend against each budget."""
