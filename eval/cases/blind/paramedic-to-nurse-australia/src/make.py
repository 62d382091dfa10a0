"""Rebuild resume.docx for the paramedic-to-nurse-australia blind case.

Run from anywhere:  /work/main/.venv/bin/python src/make.py
Writes ../resume.docx next to this folder.
"""
import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "resume.docx"

doc = Document()
st = doc.styles["Normal"]
st.font.name = "Calibri"
st.font.size = Pt(10.5)


def heading(text):
    p = doc.add_paragraph()
    r = p.add_run(text.upper())
    r.bold = True
    r.font.size = Pt(12)
    r.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    p.paragraph_format.space_before = Pt(10)
    p.paragraph_format.space_after = Pt(2)


def job(title, org, dates):
    p = doc.add_paragraph()
    r = p.add_run(title)
    r.bold = True
    p.add_run("\t" + dates)
    p.paragraph_format.space_after = Pt(0)
    q = doc.add_paragraph()
    q.add_run(org).italic = True
    q.paragraph_format.space_after = Pt(2)


def bullets(items):
    for it in items:
        doc.add_paragraph(it, style="List Bullet")


# ---- header -------------------------------------------------------------
p = doc.add_paragraph()
p.alignment = WD_ALIGN_PARAGRAPH.CENTER
r = p.add_run("Bronte Mulvaney")
r.bold = True
r.font.size = Pt(20)
p = doc.add_paragraph("Registered Nurse (Div 1)  |  former ALS Paramedic")
p.alignment = WD_ALIGN_PARAGRAPH.CENTER
p = doc.add_paragraph(
    "Wendouree VIC 3355  ·  0491 570 156  ·  bronte.mulvaney@example.com.au"
)
p.alignment = WD_ALIGN_PARAGRAPH.CENTER

# ---- summary ------------------------------------------------------------
heading("Career Summary")
doc.add_paragraph(
    "Newly registered nurse bringing eight years on the road as a paramedic to the "
    "bedside. I am calm in a deteriorating situation, quick with a set of obs and a "
    "12-lead, and used to making decisions with limited information and a family "
    "watching. Since finishing my nursing degree at the end of 2025 I have worked on "
    "a busy medical/surgical ward and now pick up casual shifts across Ballarat and "
    "the Goldfields. I am looking for a permanent position, ideally in emergency or "
    "critical care, where my pre-hospital background is an asset and where I can "
    "keep developing as an RN in a team that values teaching."
)

# ---- registration --------------------------------------------------------
heading("Registration & Certifications")
bullets([
    "AHPRA – Registered Nurse (General), NMW0002468135 – registered 21/01/2026, no conditions",
    "AHPRA – Paramedic, PAR0001357924 – not renewed, lapsed 30/11/2023",
    "Advanced Life Support (ARC ALS2) – valid to 08/2027",
    "Working with Children Check (Employee) – current to 2029",
    "National Police Check – 11/2025  |  NDIS Worker Screening – cleared",
    "Full Victorian driver licence (manual); former ambulance code 1 driving endorsement",
])

# ---- nursing experience --------------------------------------------------
heading("Nursing Experience")
job("Registered Nurse (casual pool)", "Bluegum Nursing Agency – Ballarat & Central Highlands",
    "10/08/2026 – present")
bullets([
    "Casual shifts in aged care, sub-acute rehab and two regional district hospitals",
    "Typically 5–7 patients on an AM/PM shift; in-charge of a 12-bed wing overnight at Creswick (with NUM on call)",
    "Oriented to four different EMRs and medication charts, often at the start of the shift",
])

job("Graduate Registered Nurse – Transition to Practice Program",
    "Eastbrook Private Hospital, Ballarat – Ward 4B (Medical / Surgical, 28 beds)",
    "02/02/2026 – 29/05/2026")
bullets([
    "First rotation of the 12-month graduate program, supported by a clinical nurse educator and preceptor",
    "Post-op care for orthopaedic, general surgical and urology patients; graduated to a full 5-patient load by week 6",
    "Dressed complex surgical wounds, incl. negative pressure (VAC) dressings",
    "Administered oral, IV and subcut medications; second checker for Schedule 8 drugs",
    "Escalated 6 MET calls for deteriorating patients – recognised sepsis early in two of them",
    "Led the intentional rounding push on 4B and reduced inpatient falls by 40% (Feb–May 2026)",
    "Presented a 10-minute in-service on pre-hospital spinal assessment to the ward team",
])

job("Patient Transport Officer (casual)", "MedVan Patient Transport – Ballarat depot",
    "15/01/2024 – 19/12/2025")
bullets([
    "Non-emergency stretcher transfers between hospitals, aged care and home while studying",
    "Safe transfers of bariatric patients using slide sheets, hoists and a two-person lift plan",
    "Gave structured ISBAR handovers to receiving wards and ED triage",
])

# ---- ambulance experience -----------------------------------------------
heading("Ambulance Experience")
job("Paramedic (Advanced Life Support)", "Goldfields Ambulance Service – Sebastopol & Ballarat Central branches",
    "01/02/2016 – 30/06/2023")
bullets([
    "Emergency response across metro Ballarat and rural Central Highlands, approx. 1,900 cases",
    "IV access, fluid resuscitation, analgesia (methoxyflurane, fentanyl, ketamine) under ALS clinical practice guidelines",
    "Acquired and transmitted 12-lead ECGs for STEMI pre-notification to the cath lab",
    "Acting Team Manager 07/2021 – 12/2021: ran a branch roster of 12 paramedics, shift swaps, welfare check-ins and case reviews",
    "Clinical support officer for graduate paramedics on road (2019–2023)",
    "Workers compensation injury leave 14/03/2022 – 02/10/2022; returned to full operational duties 03/10/2022",
])

job("Graduate Ambulance Paramedic", "Goldfields Ambulance Service – Ballarat Central",
    "12/01/2015 – 31/01/2016")
bullets([
    "Paired with a clinical instructor for the 12-month internship; signed off to ALS practice January 2016",
])

# ---- education -----------------------------------------------------------
heading("Education")
p = doc.add_paragraph()
p.add_run("Bachelor of Nursing (Graduate Entry – Paramedic Pathway)").bold = True
doc.add_paragraph("Western Plains University, Ballarat campus  ·  02/2024 – 11/2025  ·  GPA 6.1 / 7")
bullets([
    "Clinical placements: medical ward, theatre recovery, community mental health, residential aged care (800 hrs)",
])
p = doc.add_paragraph()
p.add_run("Bachelor of Paramedicine").bold = True
doc.add_paragraph("Southbank University, Melbourne  ·  2012 – 2014")

# ---- skills ---------------------------------------------------------------
heading("Clinical Skills")
bullets([
    "Cannulation & venepuncture",
    "12-lead ECG acquisition and interpretation",
    "Wound care incl. NPWT",
    "Medication administration incl. S8 checking",
    "CVAD management",
    "Recognising & escalating the deteriorating patient",
    "Clinical handover (ISBAR)",
    "Safe patient handling / bariatric transfers",
])

heading("Professional Development")
bullets([
    "BLS / ALS refresher – 08/2025",
    "Aseptic Non-Touch Technique (ANTT) competency – 03/2026",
    "Mental Health First Aid – 2020",
    "Major Incident Medical Management and Support (MIMMS) – 2018",
])

heading("Referees")
doc.add_paragraph("Available on request – NUM Ward 4B and former Goldfields Ambulance team manager.")

cp = doc.core_properties
cp.author = "Bronte Mulvaney"
cp.title = "Resume – Bronte Mulvaney"
cp.created = datetime.datetime(2026, 10, 1, 9, 0, 0)
cp.modified = datetime.datetime(2026, 10, 1, 9, 0, 0)
cp.last_modified_by = "Bronte Mulvaney"
cp.revision = 1

doc.save(OUT)
print("wrote", OUT)
