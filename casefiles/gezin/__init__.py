"""The family (issue 18): household members with their own role in the plan, the
partner's own dossier, children's school, VVE/kinderopvang and leerplicht, and the
nightly signals (a child turning 18, a child of school age without a school)."""
