"""Write ../resume.docx for the architect-portfolio-docx case (python-docx)."""
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "resume.docx"

doc = Document()
style = doc.styles["Normal"]
style.font.name = "Calibri"
style.font.size = Pt(10.5)
doc.core_properties.author = "Naomi Castellanos"
doc.core_properties.title = "Naomi Castellanos - Resume"
doc.core_properties.last_modified_by = "Naomi Castellanos"
doc.core_properties.created = datetime(2026, 9, 14, 9, 0, 0)
doc.core_properties.modified = datetime(2026, 9, 14, 9, 0, 0)


def para(text="", bold=False, italic=False, size=None, align=None, space_after=4):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    run.italic = italic
    if size:
        run.font.size = Pt(size)
    if align:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def heading(text):
    p = para(text.upper(), bold=True, size=11.5, space_after=2)
    p.paragraph_format.space_before = Pt(10)
    return p


def role(employer, title_dates, body):
    if employer:
        para(employer, bold=True, space_after=0)
    para(title_dates, italic=True, space_after=2)
    for text in body:
        para(text)


para("Naomi Castellanos, AIA", bold=True, size=18, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
para("Licensed Architect  |  Portland, Oregon", size=11, space_after=0)
para("naomi.castellanos@example.com  |  (503) 555-0187  |  portfolio on request")

heading("Profile")
para(
    "Project architect with fourteen years in practice, most of it on schools, libraries "
    "and other public buildings. I am happiest in the middle of a project: turning a "
    "design into a coordinated set of drawings, running consultant meetings, and keeping "
    "school boards and user groups on side through a long public process."
)

heading("Licensure")
para("Registered Architect, State of Oregon, License No. 7418 (2016)", space_after=0)
para("Washington: reciprocity application pending (submitted August 2026)", space_after=0)
para("NCARB Certificate holder; AIA member")

heading("Experience")
role(
    "Halvorsen Brandt Architects, Portland, OR",
    "Senior Project Architect  |  March 2024 – present",
    [
        "I lead a studio team of six architects and designers on K–12 and civic work, "
        "currently an elementary school modernization and a county fire station.",
        "Set up and look after the central building model on each job: worksharing, view "
        "templates, the office family library and clash checks with the structural and MEP "
        "consultants before every issue.",
        "Run weekly design coordination with consultants and write the code analysis and "
        "accessibility reviews for each permit set.",
    ],
)
role(
    "Tessellate Design Collective, Seattle, WA",
    "Project Architect  |  February 2023 – June 2023",
    [
        "Joined to help a small studio take on larger mixed-use work. Developed schematic "
        "design and zoning studies for a 120-unit mixed-use building on Capitol Hill and "
        "prepared the early design guidance package.",
    ],
)
role(
    "Oakridge Lowe Partners, Portland, OR",
    "Project Architect  |  January 2018 – January 2023",
    [
        "Project architect for public and nonprofit clients, from schematic design through "
        "construction documents. Modeled and documented the Riverside Middle School "
        "replacement and the Alder Street Branch Library, coordinating a consultant team of "
        "up to nine firms.",
        "Led user-group workshops with teachers, librarians and neighborhood associations.",
    ],
)
role(
    "",
    "Architectural Designer  |  August 2015 – December 2017",
    [
        "Drew construction documents and details for clinics and a community center; moved "
        "the office's standard details into the new modeling templates.",
    ],
)
role(
    "Pell & Marsh Associates, Eugene, OR",
    "Architectural Designer  |  July 2012 – July 2015",
    [
        "Residential and small commercial work. Permit drawings, renderings and site "
        "measurements; completed AXP hours here.",
    ],
)

heading("Selected projects")
rows = [
    ("Project", "Client type", "Budget", "My role"),
    ("Riverside Middle School replacement", "Public school district", "$48.5M",
     "Project architect, SD through CD"),
    ("Alder Street Branch Library", "City library", "$14.2M", "Project architect"),
    ("Station 12 fire and rescue", "County", "$11.7M", "Senior project architect (in design)"),
    ("Fremont Community Health Clinic", "Nonprofit health provider", "$9.8M", "Job captain"),
    ("Capitol Hill mixed-use (unbuilt)", "Private developer", "$31M", "Schematic design only"),
]
table = doc.add_table(rows=len(rows), cols=4)
table.style = "Table Grid"
for r, values in enumerate(rows):
    for c, value in enumerate(values):
        cell = table.cell(r, c)
        cell.text = value
        if r == 0:
            for run in cell.paragraphs[0].runs:
                run.bold = True

heading("Skills")
para(
    "BIM / Revit  ·  AutoCAD  ·  Rhino  ·  Bluebeam  ·  Passive House design  ·  "
    "Construction documents  ·  Code analysis (IBC, OSSC)  ·  Client and user-group engagement"
)

heading("Education")
para("Master of Architecture, Columbia Ridge University, 2012", space_after=0)
para("B.S. in Architectural Studies, Columbia Ridge University, 2009")

heading("Outside work")
para("Urban sketching, cycling, and keeping up with two small kids.")

doc.save(OUT)
print(f"wrote {OUT}")
