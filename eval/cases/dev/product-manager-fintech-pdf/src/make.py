"""Build ../resume.pdf (single column, Helvetica) for the product-manager-fintech-pdf case.

Every line is placed with cell(), never multi_cell(), and checked against the
usable width, so no line wraps in the PDF text layer.
"""
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "resume.pdf"

NAME = "Talia Renshaw"
CONTACT = [
    "London, UK  |  +44 7700 555 214  |  talia.renshaw@example.com",
    "linkedin.com/in/talia-renshaw-example  |  Date of birth: 14/09/1988  |  Nationality: New Zealander",
]

SUMMARY = [
    "Product manager with 9 years in consumer fintech: onboarding, cards, payouts and lending.",
    "I like messy funnels, regulated problems and shipping in small, measurable steps.",
]

ROLES = [
    ("Senior Product Manager", "Ledgerly (digital current account, UK/IE/NL)", "Apr 2022 - Present", [
        "Own onboarding and cards for 1.3M retail customers; squad of 9 (6 eng, designer, analyst, QA).",
        "Grew activation from 31% to 48% by rebuilding the first-week journey and cutting KYC drop-off.",
        "Led the launch of instant virtual cards in the UK, Ireland and the Netherlands.",
        "Ran 40+ experiments a year with the data team; set up the squad's experiment review.",
        "Worked with Compliance on Consumer Duty outcomes testing for the card product.",
        "Mentor one associate PM; interview for the product org.",
    ]),
    ("Product Manager, Payouts", "Brightpay", "Jun 2021 - Nov 2021", [
        "Joined to own consumer payouts to bank accounts and wallets.",
        "Shipped a redesigned payout status screen; support contacts about payouts fell.",
        "Wrote the discovery brief for scheduled payouts.",
    ]),
    ("Product Manager", "Coinroot Lending", "Sep 2017 - May 2021", [
        "PM for the personal-loan application and decisioning flow (GBP 240M lent in 2020).",
        "Cut loan decision time from 2 days to under 4 minutes with automated affordability checks.",
        "Partnered with credit risk on open-banking income verification; launched in 2019.",
        "Moved the team from quarterly releases to fortnightly ones.",
        "Promoted from Associate PM in 2019.",
    ]),
    ("Business Analyst", "Fernhill Building Society", "Jul 2015 - Aug 2017", [
        "Requirements and UAT for the mortgage servicing portal; first taste of product work.",
        "Mapped complaint root causes for the savings team's quarterly reports.",
    ]),
]

EDUCATION = [
    "BSc Economics, Northgate University, 2015",
    "Certified Scrum Product Owner (CSPO), Scrum Alliance, 2018",
]

SKILLS = [
    "Product: product discovery, experimentation, roadmapping, stakeholder management",
    "Tools: Amplitude, Figma, Jira, SQL, Confluence",
]

INTERESTS = "Half-marathons, sourdough, volunteering as a mentor with a local coding club."


class Resume(FPDF):
    def line(self, text, size=10, style="", h=5.2, indent=0):
        self.set_font("Helvetica", style, size)
        width = self.epw - indent
        if self.get_string_width(text) > width:
            raise SystemExit(f"line too long, would wrap: {text!r}")
        self.set_x(self.l_margin + indent)
        self.cell(width, h, text, new_x="LMARGIN", new_y="NEXT")

    def heading(self, text):
        self.ln(2.5)
        self.line(text.upper(), size=10.5, style="B", h=6)
        y = self.get_y()
        self.set_draw_color(150, 150, 150)
        self.line_width = 0.2
        super().line(self.l_margin, y, self.l_margin + self.epw, y)
        self.ln(1.5)


def build():
    pdf = Resume(format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_creation_date(__import__("datetime").datetime(2026, 10, 2))
    pdf.set_title("Talia Renshaw - CV")
    pdf.set_author(NAME)
    pdf.add_page()
    pdf.line(NAME, size=20, style="B", h=10)
    for c in CONTACT:
        pdf.line(c, size=9, h=4.6)
    pdf.heading("Profile")
    for s in SUMMARY:
        pdf.line(s)
    pdf.heading("Experience")
    for title, employer, dates, bullets in ROLES:
        pdf.ln(1.5)
        pdf.line(f"{title} - {employer}", style="B")
        pdf.line(dates, size=9, style="I", h=4.8)
        for b in bullets:
            pdf.line("- " + b, size=9.5, indent=3)
    pdf.heading("Education & certification")
    for e in EDUCATION:
        pdf.line(e)
    pdf.heading("Skills")
    for s in SKILLS:
        pdf.line(s)
    pdf.heading("Interests")
    pdf.line(INTERESTS)
    pdf.output(str(OUT))


if __name__ == "__main__":
    build()
