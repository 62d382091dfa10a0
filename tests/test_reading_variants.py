"""A resume reads the same whatever its layout: heading style, bullet glyph, role header
order, date format, section names and order.

The first test renders a few dev cases' answer-key structures in a bounded set of
layouts (eval/reading_variants.py) and reads each back; the others pin the general rules
those layouts exposed, on made-up lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secondround.core.analysis.role_headers import split_header
from secondround.core.pipeline import Engine
from secondround.core.reading.text_cleanup import clean_text
from secondround.core.settings import Settings
from secondround.eval.baselines import CASES_DIR, load_cases
from secondround.eval.reading_variants import VARIANTS, read_structure, run_variants

CASES = ["auditor-india-md", "gp-doctor-ireland-md", "airline-first-officer-json"]
LAYOUTS = [
    "base",
    "heading-caps-colon",
    "bullet-1.",
    "header-employer_then_title",
    "header-dates_first",
    "dates-numeric",
    "sections-unusual",
    "mix-underlined-at-iso",
]


def test_names_roles_and_dates_read_alike_in_every_layout(tmp_path: Path) -> None:
    engine = Engine(Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
    cases = load_cases(CASES_DIR, only=CASES, splits=("dev",))
    assert len(cases) == len(CASES)
    # Structure only (reading and parsing): the facts built on it are not compared here.
    layouts = {k: VARIANTS[k] for k in LAYOUTS}
    results = run_variants(engine, cases, layouts, reader=read_structure)
    wrong = [
        f"{r.case} [{r.variant}] {d}"
        for r in results
        for d in r.differs
        if d.startswith(("name", "role", "extra role", "unread"))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "header, title, org",
    [
        # how the job was held, a grade code and a translation stay with the title
        ("Night Porter (part-time), Harbourview Hotel", "Night Porter (part-time)", None),
        ("Staff Nurse (Band 5–6) | Lakeside Hospital", "Staff Nurse (Band 5–6)", None),
        (
            "Técnica de Laboratorio (Lab Technician) | Acme S.A.",
            "Técnica de Laboratorio (Lab Technician)",
            "Acme S.A.",
        ),
        # a bracketed firm or place is still its own piece
        ("Data Analyst (Orbit Analytics)", "Data Analyst", "Orbit Analytics"),
        # an area after a dash or comma, beside a named employer, belongs to the title
        ("Team Leader – Accounts Payable, Brightwell Ltd", "Team Leader – Accounts Payable", None),
        ("Fenwick Logistics\nShift Manager, Inbound", "Shift Manager, Inbound", None),
        # neither piece names itself: "Title, Organisation" is the usual order
        ("Subeditor, Northgate Evening Chronicle", "Subeditor", "Northgate Evening Chronicle"),
    ],
)
def test_role_header_pieces(header: str, title: str | None, org: str | None) -> None:
    got_title, got_org, _place = split_header(header)
    if title is not None:
        assert got_title == title
    if org is not None:
        assert got_org == org
    else:
        assert got_org and got_org not in (got_title or "")


def test_employment_type_after_the_employer_is_not_part_of_its_name() -> None:
    assert split_header("Bookkeeper | Millbrook Bakery (contract)")[1] == "Millbrook Bakery"


def test_numbered_and_quoted_list_items_are_bullets_but_numbered_headings_stay() -> None:
    text = clean_text("1. Experience\n2. Cut returns by 12% in 2021\n> Led a team of four")
    assert text.split("\n") == [
        "1. Experience",
        "• Cut returns by 12% in 2021",
        "• Led a team of four",
    ]
