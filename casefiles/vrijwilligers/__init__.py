"""Volunteers and taalmaatjes (issue 18): a register per gemeente (VOG date,
training), matching a volunteer to an inburgeraar with start and end, and the
volunteer's signals reaching the consulent as a task."""
