"""The first steps (issue 18): a configurable checklist per gemeente for the start
(bank account, zorgverzekering, toeslagen, energy/water, huisarts, school and
kinderopvang, GGD intake, DigiD), each step with status, date and who, visible in the
werkvoorraad until done. See docs/begeleiding.md."""
