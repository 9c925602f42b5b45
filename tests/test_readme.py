"""Item 9 of issue 15: every link in the README works from a fresh clone: it points
to a file or folder inside the project (or a heading of the README), never outside."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _links() -> list[str]:
    tekst = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"\]\(([^)\s]+)\)", tekst)


def _ankers() -> set[str]:
    koppen = re.findall(r"^#+\s+(.+)$", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)
    return {re.sub(r"[^a-z0-9 -]", "", k.lower()).replace(" ", "-") for k in koppen}


def test_readme_links_stay_inside_the_project_and_exist():
    links = _links()
    assert links, "the README links to the docs"
    for link in links:
        if link.startswith(("http://", "https://", "mailto:")):
            continue
        if link.startswith("#"):
            assert link[1:] in _ankers(), link
            continue
        doel = (ROOT / link.split("#")[0]).resolve()
        assert doel.is_relative_to(ROOT), f"{link} points outside the project"
        assert doel.exists(), f"{link} does not exist"


def test_readme_does_not_refer_to_files_outside_the_project():
    assert "../" not in (ROOT / "README.md").read_text(encoding="utf-8")
