"""Build ../resume.pdf (two columns, sidebar on the RIGHT) with fpdf2.

Run from anywhere:  python make.py
Fonts: Lato from /usr/share/fonts/truetype/lato (Debian fonts-lato).
"""
import datetime
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resume.pdf")
FONTS = "/usr/share/fonts/truetype/lato"

TEAL = (32, 112, 120)
SIDE_BG = (228, 241, 240)
GREY = (70, 70, 70)

PAGE_W, PAGE_H = 215.9, 279.4
MAIN_X, MAIN_W = 14, 124
SIDE_X0 = 144          # sidebar background starts here
SIDE_X, SIDE_W = 149, 60


class CV(FPDF):
    def header(self):
        self.set_fill_color(*SIDE_BG)
        self.rect(SIDE_X0, 0, PAGE_W - SIDE_X0, PAGE_H, style="F")


pdf = CV(format="Letter", unit="mm")
pdf.set_creation_date(datetime.datetime(2026, 10, 4, 9, 0, 0, tzinfo=datetime.timezone.utc))
pdf.set_title("Kelsey Marchetti RDH - Resume")
pdf.set_author("Kelsey Marchetti")
pdf.add_font("Lato", "", os.path.join(FONTS, "Lato-Regular.ttf"))
pdf.add_font("Lato", "B", os.path.join(FONTS, "Lato-Bold.ttf"))
pdf.add_font("Lato", "I", os.path.join(FONTS, "Lato-Italic.ttf"))
pdf.set_auto_page_break(False)
pdf.set_margins(MAIN_X, 12, PAGE_W - MAIN_X - MAIN_W)
pdf.add_page()

# ---------------- main column (drawn first) ----------------
def m_heading(txt):
    pdf.ln(3)
    pdf.set_x(MAIN_X)
    pdf.set_font("Lato", "B", 11)
    pdf.set_text_color(*TEAL)
    pdf.cell(MAIN_W, 6, txt.upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*TEAL)
    pdf.line(MAIN_X, pdf.get_y(), MAIN_X + MAIN_W, pdf.get_y())
    pdf.ln(1.5)
    pdf.set_text_color(*GREY)


def m_para(txt, size=9.5, style=""):
    pdf.set_x(MAIN_X)
    pdf.set_font("Lato", style, size)
    pdf.multi_cell(MAIN_W, 4.6, txt, new_x="LMARGIN", new_y="NEXT")


def m_job(title, where, dates):
    pdf.ln(1.2)
    pdf.set_x(MAIN_X)
    pdf.set_font("Lato", "B", 10)
    pdf.set_text_color(30, 30, 30)
    pdf.cell(MAIN_W - 40, 5, title)
    pdf.set_font("Lato", "I", 9)
    pdf.cell(40, 5, dates, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(MAIN_X)
    pdf.set_font("Lato", "", 9.5)
    pdf.set_text_color(*TEAL)
    pdf.cell(MAIN_W, 5, where, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*GREY)


def m_bullet(txt):
    pdf.set_x(MAIN_X + 2)
    pdf.set_font("Lato", "", 9.5)
    pdf.cell(4, 4.6, "\u2022")
    pdf.multi_cell(MAIN_W - 6, 4.6, txt, new_x="LMARGIN", new_y="NEXT")


pdf.set_y(14)
pdf.set_x(MAIN_X)
pdf.set_font("Lato", "B", 24)
pdf.set_text_color(30, 30, 30)
pdf.cell(MAIN_W, 10, "Kelsey Marchetti, RDH", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Lato", "", 11)
pdf.set_text_color(*TEAL)
pdf.cell(MAIN_W, 6, "Registered Dental Hygienist  |  Periodontal & General Practice",
         new_x="LMARGIN", new_y="NEXT")

m_heading("Professional Summary")
m_para(
    "Caring, detail-oriented hygienist with 7 years of clinical experience split between a "
    "busy periodontal specialty office and a family general practice. I started out as a "
    "dental assistant at a pediatric office, so I know the whole flow of the operatory and "
    "I'm good with anxious patients of every age. Passionate about periodontal health, "
    "honest case presentation and making sure patients actually understand their "
    "treatment options. Looking for a full-time position in one practice where I can grow "
    "with the team and take on more of the perio program."
)

m_heading("Clinical Experience")
m_job("Registered Dental Hygienist (part-time)", "Front Range Periodontics  -  Denver, CO",
      "08/2019 - Present")
m_bullet("Mon / Wed / Fri, 8-9 patients per day, mostly active perio and perio maintenance")
m_bullet("Full-mouth scaling and root planing under local (administered by the doctor), "
         "Arestin placement, re-evaluations at 6 weeks")
m_bullet("Increased perio treatment acceptance 25% over 18 months by reworking how we "
         "present probing results chairside")
m_bullet("Helped revamp the hygiene recall system")
m_bullet("Precept hygiene students from the local AAS program one day a month")

m_job("Registered Dental Hygienist (part-time)", "Aspen Grove Family Dentistry  -  Littleton, CO",
      "03/2021 - Present")
m_bullet("Tue / Thu, general practice: adult prophy, children, sealants, fluoride varnish")
m_bullet("Digital FMX and bitewings, intraoral photos for the doctor's exam")
m_bullet("Out Apr - Sep 2022 on maternity leave, returned to the same schedule")
m_bullet("Restocked and organized hygiene rooms; keep sterilization logs current for OSHA")

m_job("Dental Assistant", "Smile Studio Pediatric Dentistry  -  Aurora, CO",
      "06/2015 - 05/2017")
m_bullet("Chairside assisting for two pediatric dentists, sedation days, charting in Dentrix")
m_bullet("Took radiographs, poured models, front desk coverage at lunch")
m_bullet("Decided to go back to school for hygiene after two years here")

m_heading("Education")
m_job("B.S. Dental Hygiene (degree completion, online)", "Mountain West University",
      "expected May 2027")
m_job("A.A.S. Dental Hygiene", "Arapahoe Valley Community College  -  Littleton, CO",
      "2017 - 2019")
m_para("Graduated with honors. Clinic award for patient care, spring 2019.", size=9, style="I")

# ---------------- right sidebar (drawn second) ----------------
def s_heading(txt):
    pdf.ln(3)
    pdf.set_x(SIDE_X)
    pdf.set_font("Lato", "B", 10)
    pdf.set_text_color(*TEAL)
    pdf.cell(SIDE_W, 5.5, txt.upper(), new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(*GREY)


def s_line(txt, style="", size=8.8):
    pdf.set_x(SIDE_X)
    pdf.set_font("Lato", style, size)
    pdf.multi_cell(SIDE_W, 4.3, txt, new_x="LEFT", new_y="NEXT")


pdf.set_left_margin(SIDE_X)
pdf.set_right_margin(PAGE_W - SIDE_X - SIDE_W)
pdf.set_y(16)
s_heading("Contact")
s_line("Littleton, CO 80123")
s_line("(303) 555-0187")
s_line("kelsey.marchetti@example.com")

s_heading("Licensure")
s_line("Colorado RDH License", style="B")
s_line("#HYG.0001-555 - active")
s_line("CPR / BLS for Healthcare Providers (AHA), exp. 10/2027")
s_line("Nitrous oxide monitoring permit")
s_line("Local anesthesia permit - course booked for 2027")

s_heading("Continuing Ed")
s_line("46 CE hours this renewal cycle")
s_line("- Periodontal risk assessment (ADHA)")
s_line("- Silver diamine fluoride")
s_line("- Infection control update 2025")
s_line("- Motivational interviewing in the operatory")

s_heading("Skills")
for s in ["SRP & perio maintenance", "Periodontal charting", "Digital radiography (Dexis)",
          "iTero intraoral scanning", "Sealants & fluoride varnish", "Nitrous oxide monitoring",
          "Patient education / OHI"]:
    s_line(s)

s_heading("Software")
s_line("Dentrix, Eaglesoft")

s_heading("Languages")
s_line("English, conversational Spanish")

s_heading("Memberships")
s_line("ADHA / Colorado Dental Hygienists' Association")

pdf.output(OUT)
print("wrote", os.path.normpath(OUT))
