"""Build resume.pdf for the policy-analyst-canada-bilingual blind case.

Run from the case folder:  /work/main/.venv/bin/python src/make.py
Single column, fpdf2 core fonts (Helvetica, latin-1), fixed creation date so the file is byte-stable.
"""
import datetime
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "resume.pdf"

NAME = "Élise Thibodeau"
CONTACT = "Ottawa (Ontario)  |  613-555-0187  |  elise.thibodeau@example.com  |  linkedin.example.com/in/elise-thibodeau"

PROFILE = (
    "Bilingual policy professional (EC-06) with ten years in the federal public service, most of it on housing, "
    "regional development and intergovernmental files. I write quickly and clearly for senior audiences: briefing "
    "notes, QP cards, decks and sections of Memoranda to Cabinet. I am comfortable moving between program, policy "
    "and central-agency work; two assignments outside my home department showed me how a file looks from the centre "
    "and from the regions. Looking for an EC-06 or EC-07 role where policy connects directly to rural and northern communities."
)

# (title, organisation line, dates, bullets, extra italic line)
JOBS = [
    (
        "Senior Policy Analyst / Analyste principale des politiques (EC-06)",
        "Housing and Community Renewal Canada (HCRC) - Policy Development Directorate, Ottawa (ON)",
        "April 2022 - present  (acting until Jan. 2023, then indeterminate)",
        [
            "Prepared and delivered Cabinet briefings for the Minister's office.",
            "Lead analyst on the $1.4B top-up to the Community Housing Renewal Initiative (Budget 2024).",
            "Co-chaired the federal-provincial-territorial officials' working group on housing data (13 jurisdictions, monthly meetings).",
            "Drafted 60+ briefing notes, QP cards and scenario notes a year for the ADM and the Deputy Minister.",
            "Applied GBA Plus to the renewal options; the findings went into the MC annex.",
            "Ran 14 virtual consultation sessions with non-profit and co-op housing providers and wrote the What We Heard report.",
        ],
        None,
    ),
    (
        "Policy Advisor (assignment / affectation) - Social Policy Secretariat",
        "Intergovernmental Affairs Secretariat, Ottawa (ON)",
        "Sept. 2023 - June 2024",
        [
            "Challenge function on social policy proposals from line departments before they went to Cabinet committee.",
            "Wrote the intergovernmental considerations section for three MCs.",
            "Helped coordinate the federal position for a meeting of FPT housing ministers.",
        ],
        None,
    ),
    (
        "Policy Analyst / Analyste des politiques (EC-05)",
        "Innovation, Trade and Regional Development Canada (ITRDC) - Strategic Policy Branch, Gatineau (QC)",
        "2020/06 - 2022/03",
        [
            "Promoted to EC-05 through an advertised process (2020).",
            "Policy lead for the rural broadband component of the regional recovery package.",
            "Briefing material and decks for the Associate Deputy Minister; liaison with the regional development agencies.",
        ],
        "(Congé parental / parental leave: Nov. 2020 - Sept. 2021)",
    ),
    (
        "Policy Lead (Interchange Canada assignment)",
        "Atlantic Housing Partnership Council, Moncton (NB)",
        "2021/10 - 2022/03",
        [
            "Set up the council's policy and research function from scratch.",
            "Wrote the council's first submission to the federal pre-budget consultations.",
        ],
        None,
    ),
    (
        "Policy Analyst (EC-04)",
        "ITRDC - Strategic Policy Branch, Gatineau (QC)",
        "2018/06 - 2020/05",
        [
            "Environmental scans and literature reviews on rural labour markets.",
            "Drafted sections of the Departmental Plan and the Departmental Results Report.",
            "Coordinated the department's input to four Treasury Board submissions.",
        ],
        None,
    ),
    (
        "Agente de recherche / Research Officer (EC-02, term / durée déterminée)",
        "Atlantic Opportunities Agency, Moncton (NB)",
        "Sept. 2016 - May 2018",
        [
            "Research on seasonal employment in fishing communities; co-authored two internal research papers.",
            "Bilingual correspondence and draft ministerial replies.",
        ],
        None,
    ),
    (
        "Étudiante coop / Co-op student (EC-01)",
        "Atlantic Opportunities Agency, Moncton (NB)",
        "Summer 2015 (May - August)",
        ["Data entry and summaries for the regional economic outlook."],
        None,
    ),
]

EDUCATION = [
    ("Master of Public Policy (MPP) / Maîtrise en politiques publiques", "Université Champlain-Outaouais, 2016"),
    ("B.A. Honours in Economics / Baccalauréat spécialisé en économie", "Université du Littoral atlantique, 2014"),
]

TRAINING = [
    "Writing Memoranda to Cabinet and Treasury Board submissions (course, 2022)",
    "GBA Plus: introduction and applied workshop (2019)",
    "Plain language writing (2017)",
]

LANGUAGES = [
    "Français : langue maternelle / first official language",
    "ELS / SLE (anglais - English): CBC, March 2019",
]

SKILLS = [
    "Policy analysis and briefing",
    "Intergovernmental relations",
    "Regulatory impact analysis (RIAS)",
    "GBA Plus",
    "Stakeholder consultation",
    "Memoranda to Cabinet",
    "Bilingual drafting",
]


class CV(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(120, 120, 120)
        self.cell(0, 5, f"Élise Thibodeau - page {self.page_no()}/{{nb}}", align="C")


def heading(pdf, text):
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 11.5)
    pdf.set_text_color(24, 54, 104)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y()
    pdf.set_draw_color(24, 54, 104)
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.ln(1.5)
    pdf.set_text_color(0, 0, 0)


def bullet(pdf, text, indent=5):
    pdf.set_font("Helvetica", "", 9.5)
    pdf.set_x(pdf.l_margin + indent)
    pdf.cell(4, 4.8, "-")
    pdf.multi_cell(pdf.w - pdf.r_margin - pdf.get_x(), 4.8, text, new_x="LMARGIN", new_y="NEXT")


def build():
    pdf = CV(format="Letter")
    pdf.set_creation_date(datetime.datetime(2026, 10, 2, 9, 0, 0, tzinfo=datetime.timezone.utc))
    pdf.set_title("CV - Élise Thibodeau")
    pdf.set_author("Élise Thibodeau")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, 16)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 10, NAME, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.set_text_color(70, 70, 70)
    pdf.cell(0, 5, CONTACT, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, "Cote de sécurité / Security clearance: Secret (valid to 2029)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)

    heading(pdf, "Profil / Profile")
    pdf.set_font("Helvetica", "", 9.5)
    pdf.multi_cell(0, 4.8, PROFILE, new_x="LMARGIN", new_y="NEXT")

    heading(pdf, "Expérience / Experience")
    for title, org, dates, bullets, extra in JOBS:
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(0, 5.2, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9.5)
        pdf.multi_cell(0, 4.8, org, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "I", 9.5)
        pdf.cell(0, 4.8, dates, new_x="LMARGIN", new_y="NEXT")
        for b in bullets:
            bullet(pdf, b)
        if extra:
            pdf.set_font("Helvetica", "I", 9)
            pdf.set_x(pdf.l_margin + 5)
            pdf.cell(0, 4.8, extra, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    heading(pdf, "Formation / Education")
    for qual, inst in EDUCATION:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 5.2, qual, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9.5)
        pdf.cell(0, 4.8, inst, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    heading(pdf, "Perfectionnement professionnel / Professional development")
    for t in TRAINING:
        bullet(pdf, t, indent=0)

    heading(pdf, "Langues officielles / Official languages")
    for t in LANGUAGES:
        bullet(pdf, t, indent=0)

    heading(pdf, "Compétences / Skills")
    pdf.set_font("Helvetica", "", 9.5)
    pdf.multi_cell(0, 4.8, "  ·  ".join(SKILLS), new_x="LMARGIN", new_y="NEXT")

    pdf.output(str(OUT))


if __name__ == "__main__":
    build()
