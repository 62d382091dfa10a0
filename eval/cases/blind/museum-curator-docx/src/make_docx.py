"""Build resume.docx for the museum-curator-docx blind case.
Run from the case folder:  python src/make_docx.py"""
import datetime
from docx import Document
from docx.shared import Pt, Cm
from docx.enum.text import WD_ALIGN_PARAGRAPH

doc = Document()
cp = doc.core_properties
cp.author = "Ludovica Ferrante"; cp.title = "Curriculum Vitae"
cp.created = cp.modified = datetime.datetime(2026, 10, 2, 9, 0, 0)
for s in doc.sections:
    s.left_margin = s.right_margin = Cm(2.2); s.top_margin = s.bottom_margin = Cm(2)
st = doc.styles["Normal"]; st.font.name = "Calibri"; st.font.size = Pt(10.5)

def h(text):
    p = doc.add_paragraph(); r = p.add_run(text.upper()); r.bold = True; r.font.size = Pt(12)
    p.paragraph_format.space_before = Pt(12); p.paragraph_format.space_after = Pt(3)

def line(text, bold_prefix=None, italic=False):
    p = doc.add_paragraph()
    if bold_prefix:
        p.add_run(bold_prefix).bold = True
    r = p.add_run(text); r.italic = italic
    p.paragraph_format.space_after = Pt(2)
    return p

def bullet(text):
    p = doc.add_paragraph(text, style="List Bullet"); p.paragraph_format.space_after = Pt(1)

t = doc.add_paragraph(); t.alignment = WD_ALIGN_PARAGRAPH.CENTER
r = t.add_run("Dr. Ludovica Ferrante"); r.bold = True; r.font.size = Pt(20)
t = doc.add_paragraph("Curator · Decorative Arts and Glass · Art Historian"); t.alignment = WD_ALIGN_PARAGRAPH.CENTER

h("Personal information")
line("Via San Nazaro 14, 37129 Verona (VR), Italy", "Address: ")
line("+39 333 555 0193", "Mobile: ")
line("l.ferrante@example.it", "E-mail: ")
line("married, two children", "Marital status: ")
line("B (car)", "Driving licence: ")

h("Profile")
doc.add_paragraph(
    "Art historian and curator specialised in Venetian glass and the decorative arts of the eighteenth "
    "century, with experience in public museums, a private foundation and the university. I have curated "
    "and co-curated exhibitions from first idea to closing day, including loans from international "
    "institutions, catalogue editing and public programmes. I am looking for a stable curatorial post in "
    "which to develop a collection over several years.")

h("Work experience")
line("January 2025 – present (fixed-term, renewed to December 2026)", italic=True)
line("Curator, Decorative Arts — Musei Civici di Verona, Palazzo Venier", "")
bullet("Responsible for the glass, ceramics and textiles collections (approx. 5,000 objects)")
bullet("Curator of the exhibition “Vetri di luce” (2025), 38,000 visitors in four months")
bullet("Secured €180,000 from Fondazione Cariverona for the exhibition and its catalogue")
bullet("Migrated 3,400 object records into TMS and cleaned the legacy inventory data")
bullet("Managing loans with lenders in Venice, Vienna and London; courier trips")

line("March 2022 – February 2024 (fixed-term, 24 months)", italic=True)
line("Assistant Curator — Fondazione Galleria Marchesi, Milan", "")
bullet("Co-curated the reinstallation of the Marchesi Bequest galleries (2023)")
bullet("Contributed to the exhibition budget and to relations with the lenders")
bullet("Wrote object labels, audio-guide texts and the family trail")

line("November 2019 – February 2022", italic=True)
line("Research Fellow (assegno di ricerca) — Università degli Studi di Padova, Department of Cultural Heritage", "")
bullet("Research project on glass trade between Murano and the Habsburg lands, 1720–1790")
bullet("Taught seminars in Museology for the MA programme (2 years)")

line("October 2015 – April 2016", italic=True)
line("Curatorial Intern — Collezione Grimani, Venice", "")
bullet("Inventory, photography campaign and condition reports")

h("Exhibitions")
rows = [
    ("Year", "Exhibition", "Venue", "My role"),
    ("2025", "Vetri di luce. Murano glass 1700–1800", "Palazzo Venier, Verona", "Curator"),
    ("2023", "The Marchesi Bequest: a collection reopened", "Fondazione Galleria Marchesi, Milan", "Co-curator (with the Director)"),
    ("2022", "Drawing the Lagoon", "Fondazione Galleria Marchesi, Milan", "Curatorial assistant"),
    ("2019", "Paper Cities: prints of the Veneto", "Palazzo del Bo, Padova", "Co-curator"),
]
tbl = doc.add_table(rows=len(rows), cols=4); tbl.style = "Table Grid"
for i, row in enumerate(rows):
    for j, val in enumerate(row):
        c = tbl.cell(i, j); c.text = val
        if i == 0:
            c.paragraphs[0].runs[0].bold = True

h("Education")
line("PhD in History of Art — Università Ca' Foscari Venezia, 2016–2019", "")
line("Thesis: “Crystal for the Empire: Murano glass at the Viennese court, 1740–1780”", italic=True)
line("Laurea Magistrale in Art History — Università di Bologna, 2015 (110/110 cum laude)", "")
line("Laurea Triennale in Cultural Heritage — Università di Bologna, 2013", "")

h("Grants and awards")
bullet("Fondazione Cariverona exhibition grant, 2025")
bullet("Research fellowship, Università degli Studi di Padova, 2019–2022")
bullet("Travel bursary, Glass History Society, 2018")

h("Selected publications")
bullet("Ferrante, L. (ed.), Vetri di luce. Murano glass 1700–1800, exhibition catalogue, Verona 2025")
bullet("Ferrante, L., “Venetian glass in Habsburg inventories”, Journal of Glass Studies (2021)")
bullet("Ferrante, L., Crystal for the Empire, Padova University Press, 2022")

h("Skills")
bullet("Collection management software")
bullet("Provenance research")
bullet("Loan negotiation and courier duties")
bullet("Exhibition budgeting")
bullet("3D scanning and digitisation")
bullet("Public speaking and guided tours")

h("Languages")
line("Italian (mother tongue); English (C1); German (B1); French (reading)")

p = doc.add_paragraph()
r = p.add_run("I authorise the processing of my personal data pursuant to Legislative Decree 196/2003 and the GDPR (EU Regulation 2016/679).")
r.italic = True; r.font.size = Pt(8)

doc.save("resume.docx")
