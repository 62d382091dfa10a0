"""Regenerate examples/resumes/jordan-rivera.pdf from jordan-rivera.md (fpdf2).

    python examples/make_samples.py

The PDF is committed so the quick start runs on a real PDF; it is rebuilt byte-stably.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent


def render(markdown: str) -> bytes:
    pdf = FPDF(format="Letter")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.set_margins(18, 16, 18)
    pdf.add_page()
    for raw in markdown.splitlines():
        line = raw.replace("–", "-").replace("·", "|").replace("’", "'")
        if line.startswith("# "):
            pdf.set_font("Helvetica", "B", 20)
            pdf.multi_cell(0, 10, line[2:], new_x="LMARGIN", new_y="NEXT")
        elif line.startswith("## "):
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, line[3:].upper(), new_x="LMARGIN", new_y="NEXT")
        elif line.startswith("### "):
            pdf.ln(1)
            pdf.set_font("Helvetica", "B", 10.5)
            pdf.multi_cell(0, 5.5, line[4:], new_x="LMARGIN", new_y="NEXT")
        elif line.startswith("- "):
            pdf.set_font("Helvetica", "", 10)
            pdf.set_x(22)
            pdf.multi_cell(0, 5, "- " + line[2:], new_x="LMARGIN", new_y="NEXT")
        elif line.strip():
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, re.sub(r"\s+", " ", line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def main() -> None:
    source = (HERE / "resumes" / "jordan-rivera.md").read_text(encoding="utf-8")
    (HERE / "resumes" / "jordan-rivera.pdf").write_bytes(render(source))


if __name__ == "__main__":
    main()
