"""Write ../resume.pdf for the bank-teller-to-analyst-pdf case (fpdf2, Helvetica, one page).

Every line is placed with cell(), never multi_cell(), so nothing wraps; the script
stops if a line would be wider than the text area.
"""
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "resume.pdf"

pdf = FPDF(format="letter", unit="pt")
pdf.set_creator("make.py")
pdf.set_author("Danielle Okafor-Reyes")
pdf.set_title("Danielle Okafor-Reyes - Resume")
pdf.set_creation_date(datetime(2026, 10, 1, tzinfo=timezone.utc))
pdf.set_margins(54, 44, 54)
pdf.set_auto_page_break(False)
pdf.add_page()
WIDTH = pdf.w - pdf.l_margin - pdf.r_margin


def line(text, size=10, style="", h=None, indent=0):
    pdf.set_font("Helvetica", style, size)
    if pdf.get_string_width(text) > WIDTH - indent:
        raise SystemExit(f"line too wide: {text!r}")
    pdf.set_x(pdf.l_margin + indent)
    pdf.cell(WIDTH - indent, h or size * 1.35, text, new_x="LMARGIN", new_y="NEXT")


def heading(text):
    pdf.ln(5)
    line(text, size=10.5, style="B")
    y = pdf.get_y()
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, y, pdf.l_margin + WIDTH, y)
    pdf.ln(3)


def bullet(text):
    line("- " + text, indent=8)


def role(left, right):
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(WIDTH * 0.72, 14, left)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(WIDTH * 0.28, 14, right, align="R", new_x="LMARGIN", new_y="NEXT")


line("Danielle Okafor-Reyes", size=18, style="B", h=24)
line("Milwaukee, WI  |  (414) 555-0129  |  d.okaforreyes@example.com", size=10)

heading("SUMMARY")
line("Head teller with seven years in branch banking, moving from the teller line into credit analysis.")
line("Recent finance graduate (evening program) with a four-month credit internship.")

heading("CREDIT EXPERIENCE")
role("Credit Analyst Intern, Cobalt Ridge Credit Union", "May 2025 - Aug 2025")
line("Member business lending team. Leave of absence from Harborline for the summer.", indent=8)
bullet("Spread tax returns and financial statements for 14 small-business loan requests")
line("in the credit union's spreading software and flagged ratio exceptions for review.", indent=16)
bullet("Drafted 5 credit memos (equipment loans and lines of credit, $40K-$350K);")
line("two went to loan committee with light edits from the senior analyst.", indent=16)
bullet("Pulled bureau reports and ordered UCC searches for the loan files.")

heading("BRANCH BANKING")
role("Head Teller, Harborline Savings Bank", "Mar 2022 - Present")
bullet("Run the teller line and vault at a $180M branch; schedule and coach 6 tellers.")
bullet("99.97% balancing accuracy on about $1.6M in monthly cash volume since 2022.")
bullet("Branch rated Satisfactory on every internal cash audit, 2022-2025.")
bullet("Prepare CTRs and escalate unusual activity to the BSA officer.")
role("Teller II, Harborline Savings Bank", "Aug 2019 - Feb 2022")
bullet("Deposits, withdrawals, cashier's checks and loan payments; 250+ transactions a day.")
bullet("Referred customers to lending and caught two check-kiting attempts in 2021.")

heading("EDUCATION")
role("B.S. in Finance, Lakeshore State University", "Dec 2025")
line("Evening program, completed part-time while working full-time. GPA 3.6.", indent=8)
line("Coursework: Corporate Finance, Intermediate Accounting I-II, Commercial Lending.", indent=8)

heading("CERTIFICATIONS")
line("CFA Level I candidate (registered for the May 2027 exam window)")
line("ABA Bank Teller Certificate, 2020")

heading("SKILLS")
line("Excel financial modeling  |  Financial statement spreading  |  Credit reports and scoring")
line("BSA/AML and CTR filing  |  Cash management and vault control  |  Customer relationships")

heading("ADDITIONAL")
line("Current salary: $47,800 base. Looking for $58,000 or above.")
line("Available with two weeks' notice.")

if pdf.get_y() > pdf.h - 40:
    raise SystemExit("more than one page")
pdf.output(str(OUT))
print(f"wrote {OUT}  (bottom at {pdf.get_y():.0f} of {pdf.h:.0f} pt)")
