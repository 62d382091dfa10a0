"""Build ../resume.docx for the construction-site-manager-docx case.

Run from anywhere:  python src/make.py
The output is byte-stable: core properties and zip timestamps are fixed.
"""
import datetime
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Cm

OUT = Path(__file__).resolve().parent.parent / "resume.docx"

doc = Document()
for section in doc.sections:
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(1.8)
doc.styles["Normal"].font.name = "Calibri"
doc.styles["Normal"].font.size = Pt(10.5)

name = doc.add_paragraph()
name.alignment = WD_ALIGN_PARAGRAPH.CENTER
r = name.add_run("GARETH HOLLOWAY")
r.bold = True
r.font.size = Pt(20)

contact = doc.add_paragraph("Senior Site Manager  |  Cheltenham, Gloucestershire  |  07700 900261  |  gareth.holloway@example.com")
contact.alignment = WD_ALIGN_PARAGRAPH.CENTER


def heading(text):
    p = doc.add_paragraph()
    run = p.add_run(text.upper())
    run.bold = True
    run.font.size = Pt(12)
    p.paragraph_format.space_before = Pt(10)


def role(title, employer, dates, bullets):
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(6)
    t = p.add_run(title)
    t.bold = True
    p.add_run(f"  —  {employer}")
    d = doc.add_paragraph(dates)
    d.runs[0].italic = True
    for b in bullets:
        doc.add_paragraph(b, style="List Bullet")


heading("Profile")
doc.add_paragraph(
    "Site manager with 16 years running residential, education and student-accommodation "
    "schemes for regional main contractors, after seven years on the tools as a carpenter and "
    "joiner. I run tidy, well-planned sites, keep subcontractors on programme and get on with "
    "clients and design teams. Looking for a Project Manager or Senior Site Manager post on "
    "larger frameworks in the South West."
)

heading("Career history")
role(
    "Senior Site Manager",
    "Calderstone Construction Ltd, Gloucester",
    "April 2022 – present",
    [
        "Promoted to Senior Site Manager in April 2022; now run one major site or two smaller ones, with two assistant site managers and a site engineer reporting to me",
        "Delivered Hatherley Quay student residences (nine storeys, 412 beds) on a constrained city-centre plot, handed over on programme for the September 2024 intake",
        "Over 850,000 hours worked across my Calderstone sites without a RIDDOR-reportable incident",
        "Chair weekly subcontractor coordination meetings and the monthly client progress meeting",
        "Manage up to 120 operatives a day at peak, across 18 trade packages",
    ],
)
role(
    "Site Manager",
    "Calderstone Construction Ltd, Gloucester",
    "September 2018 – March 2022",
    [
        "Site manager on two primary schools and a 64-unit affordable housing scheme for a housing association",
        "Wrote and briefed the construction phase plans, RAMS reviews and daily activity briefings",
        "Kept a live school running next to the site throughout the Longmead extension (segregated routes, out-of-hours deliveries)",
    ],
)
role(
    "Director (part-time)",
    "Holloway Site Services Ltd",
    "January 2020 – December 2023",
    [
        "Small consultancy offering temporary works coordination and CDM advice to local builders, mainly evenings and weekends",
        "Around 25 jobs: propping schemes, scaffold design checks, construction phase plans for domestic clients",
    ],
)
role(
    "Site Manager",
    "Vantage Build Partners, Swindon",
    "January 2018 – July 2018",
    [
        "Took over a 38-home private housing phase part-way through groundworks",
        "Completed the first 12 plots to NHBC sign-off",
    ],
)
role(
    "Senior Site Manager",
    "Thornbury & Lyle Ltd, Cheltenham",
    "May 2014 – December 2017",
    [
        "Ran care-home and mixed-use schemes up to £11m",
        "Mentored three assistant site managers, two of whom now run their own sites",
    ],
)
role(
    "Site Manager",
    "Thornbury & Lyle Ltd, Cheltenham",
    "November 2010 – April 2014",
    [
        "Refurbishment and small new-build projects, £1m–£4m",
    ],
)
role(
    "Carpenter / Joiner",
    "R. Keane & Sons, Stroud",
    "September 2003 – October 2010",
    [
        "First and second fix on housing and commercial fit-out; chargehand from 2008",
    ],
)

heading("Selected projects")
projects = [
    ("Project", "Value", "Role", "Year"),
    ("Hatherley Quay student residences, Gloucester", "£38.5m", "Senior Site Manager", "2024"),
    ("Brookmoor Primary School (2FE new build)", "£9.2m", "Site Manager", "2021"),
    ("Longmead Academy teaching block extension", "£6.8m", "Site Manager", "2020"),
    ("Ashcombe Road affordable housing (64 units)", "£12.4m", "Site Manager", "2019"),
    ("Severn View care home (80 beds)", "£10.9m", "Senior Site Manager", "2016"),
]
table = doc.add_table(rows=len(projects), cols=4)
table.style = "Table Grid"
for i, row in enumerate(projects):
    for j, text in enumerate(row):
        cell = table.cell(i, j)
        cell.text = text
        if i == 0:
            cell.paragraphs[0].runs[0].bold = True

heading("Qualifications and cards")
for q in [
    "NVQ Level 6 Diploma in Construction Site Management — Severnside College, 2015",
    "HNC Construction and the Built Environment — Severnside College, 2011",
    "NVQ Level 3 Site Carpentry — Severnside College, 2006",
    "CSCS Black Card (Site Management), valid to 06/2027",
    "SMSTS (CITB) — expired Sept 2023",
    "First Aid at Work, renewed March 2025",
    "Temporary Works Coordinator (CITB), 2019",
]:
    doc.add_paragraph(q, style="List Bullet")

heading("Skills")
doc.add_paragraph(
    "Site logistics and phasing  •  Subcontractor management  •  Temporary works coordination  •  "
    "Asta Powerproject  •  CDM 2015  •  Quality and snagging  •  Client and design team liaison"
)

heading("Memberships")
doc.add_paragraph("MCIOB (Chartered Institute of Building), since 2016")
doc.add_paragraph("Unite the Union (joined UCATT as an apprentice in 2003); shop steward at R. Keane & Sons 2008–2010")

heading("Other")
doc.add_paragraph("Full UK driving licence. References from Calderstone and Thornbury & Lyle on request.")

# Fixed metadata so the file is byte-stable.
fixed = datetime.datetime(2026, 10, 1, 9, 0, 0)
cp = doc.core_properties
cp.author = "Gareth Holloway"
cp.last_modified_by = "Gareth Holloway"
cp.created = fixed
cp.modified = fixed
cp.revision = 1
cp.title = "CV - Gareth Holloway"

buf = io.BytesIO()
doc.save(buf)
buf.seek(0)
with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        info = zipfile.ZipInfo(item.filename, date_time=(2026, 10, 1, 9, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        zout.writestr(info, zin.read(item.filename))
print(f"wrote {OUT}")
