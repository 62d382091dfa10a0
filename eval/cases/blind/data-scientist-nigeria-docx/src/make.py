"""Rebuild resume.docx for the data-scientist-nigeria-docx blind case.

Run from anywhere:  /work/main/.venv/bin/python src/make.py
Writes ../resume.docx next to this folder.
"""
import datetime
import pathlib

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor, Cm

OUT = pathlib.Path(__file__).resolve().parent.parent / "resume.docx"

doc = Document()
for s in doc.sections:
    s.left_margin = s.right_margin = Cm(2.0)
    s.top_margin = s.bottom_margin = Cm(1.6)

normal = doc.styles["Normal"]
normal.font.name = "Calibri"
normal.font.size = Pt(10.5)

NAVY = RGBColor(0x1F, 0x3A, 0x5F)


def heading(text):
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(10)
    p.paragraph_format.space_after = Pt(2)
    r = p.add_run(text)
    r.bold = True
    r.font.size = Pt(11.5)
    r.font.color.rgb = NAVY
    return p


def para(text, bold=False, italic=False, size=None):
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(1)
    r = p.add_run(text)
    r.bold = bold
    r.italic = italic
    if size:
        r.font.size = Pt(size)
    return p


def bullet(text):
    # plain paragraphs with a typed dash, the way many people build CVs in Word
    p = doc.add_paragraph()
    p.paragraph_format.left_indent = Cm(0.6)
    p.paragraph_format.first_line_indent = Cm(-0.4)
    p.paragraph_format.space_after = Pt(0)
    p.add_run("- " + text)
    return p


# ---------------------------------------------------------------- header
p = doc.add_paragraph()
p.alignment = WD_ALIGN_PARAGRAPH.CENTER
r = p.add_run("IFEOLUWA ADEBANJO")
r.bold = True
r.font.size = Pt(18)
r.font.color.rgb = NAVY
p = doc.add_paragraph()
p.alignment = WD_ALIGN_PARAGRAPH.CENTER
p.add_run("Data Scientist  •  Lekki Phase 1, Lagos, Nigeria\n"
          "+234 800 555 0142  •  ifeoluwa.adebanjo@example.com  •  github.com/ife-adebanjo-example")

# ---------------------------------------------------------------- objective
heading("CAREER OBJECTIVE")
para("A result-oriented and self-motivated Data Scientist with over five years of hands-on "
     "experience turning messy financial and operational data into models and dashboards that "
     "business teams actually use. I have worked across microfinance banking and consumer "
     "fintech, from writing the first SQL reports to putting credit models behind an API. "
     "Seeking a challenging position in a forward-thinking organisation where I can leverage "
     "my skills in machine learning, credit analytics and data storytelling to drive growth, "
     "while continuing to develop myself professionally.")

# ---------------------------------------------------------------- skills table
heading("CORE COMPETENCIES")
rows = [
    ("Programming", "Python (pandas, scikit-learn, XGBoost), SQL, R"),
    ("Data & Cloud", "PySpark, Google BigQuery, AWS S3"),
    ("Machine Learning", "Classification & credit scoring, Time-series forecasting, NLP (basic)"),
    ("Visualisation", "Power BI, Tableau, Matplotlib / Seaborn"),
    ("MLOps", "Docker, MLflow, FastAPI"),
    ("Soft Skills", "Stakeholder management, Mentoring"),
]
t = doc.add_table(rows=0, cols=2)
t.style = "Table Grid"
t.alignment = WD_TABLE_ALIGNMENT.CENTER
for k, v in rows:
    cells = t.add_row().cells
    cells[0].width = Cm(4.0)
    cells[1].width = Cm(13.0)
    cells[0].text = ""
    rr = cells[0].paragraphs[0].add_run(k)
    rr.bold = True
    cells[1].text = v

# ---------------------------------------------------------------- experience
heading("PROFESSIONAL EXPERIENCE")

para("Data Scientist | Paystride Technologies Ltd, Lagos (Hybrid)", bold=True)
para("March 2022 – Date", italic=True)
bullet("Designed and deployed a loan default prediction model (XGBoost) for our Buy-Now-Pay-Later "
       "product which achieved 94.7% accuracy on the test set and now scores every new application.")
bullet("Built a k-means customer segmentation used by the growth team for targeted SMS and push campaigns.")
bullet("Supported the migration of reporting from MySQL replicas to Google BigQuery.")
bullet("Productionised scoring models as FastAPI services packaged in Docker; tracked experiments "
       "and model versions in MLflow.")
bullet("Mentor 3 junior analysts; run a fortnightly Python clinic for the risk and ops teams.")

para("")
para("Machine Learning Engineer (Contract, Remote) | Veldtmark Analytics, London, UK", bold=True)
para("06/2022 – 01/2023", italic=True)
bullet("Built a text-classification pipeline that routed customer complaints for a UK retail client "
       "into 14 categories (TF-IDF + logistic regression, later a fine-tuned DistilBERT).")
bullet("Wrote data-quality checks on the client's S3 landing zone and documented the pipeline handover.")

para("")
para("Data Analyst | Zenora Microfinance Bank, Ibadan, Oyo State", bold=True)
para("Feb. 2020 – Jan. 2022", italic=True)
bullet("Built weekly cash-demand forecasts for 38 branches (Prophet and SARIMA), reducing idle vault "
       "cash by about 31% within two quarters.")
bullet("Automated the daily portfolio-at-risk (PAR) and loan officer performance reports in Power BI, "
       "replacing four Excel workbooks.")
bullet("Wrote SQL extracts from the core banking system for CBN regulatory returns.")

para("")
para("Corps Member, ICT/Data Unit (NYSC) | Kaduna State Ministry of Agriculture, Kaduna", bold=True)
para("Nov. 2018 – Oct. 2019", italic=True)
bullet("Primary Place of Assignment during the National Youth Service Corps year.")
bullet("Digitised over 12,000 paper farmer-registration forms into a Microsoft Access database and "
       "cleaned duplicate records.")
bullet("Taught basic computer appreciation to secondary school students as my CDS project.")

# ---------------------------------------------------------------- education
heading("EDUCATION")
para("MSc Data Science (in view) – University of Lagos, Akoka", bold=True)
para("Part-time, weekend programme. Expected completion: 2027.")
para("B.Sc. Statistics (Second Class Upper Division) – Federal University of Agriculture, Abeokuta", bold=True)
para("2013 – 2018. Final year project: Modelling rainfall patterns in Ogun State using ARIMA.")

heading("CERTIFICATIONS & TRAINING")
bullet("Google Data Analytics Professional Certificate (Coursera), 2020")
bullet("DataCamp: Data Scientist with Python career track, 2021")
bullet("Member, Data Science Nigeria community; volunteer mentor at the 2023 AI Bootcamp")

heading("ADDITIONAL INFORMATION")
para("Notice period: one month.")
para("Current salary: NGN 9,600,000 per annum (gross), plus HMO and pension.")
para("Hobbies: chess, reading, attending Lagos tech meetups.")
para("Referees: available on request.")

cp = doc.core_properties
cp.author = "Ifeoluwa Adebanjo"
cp.title = "CV - Ifeoluwa Adebanjo"
cp.created = datetime.datetime(2026, 10, 2, 9, 0, 0)
cp.modified = datetime.datetime(2026, 10, 2, 9, 0, 0)
cp.last_modified_by = "Ifeoluwa Adebanjo"
cp.revision = 1

doc.save(OUT)
print("wrote", OUT)
