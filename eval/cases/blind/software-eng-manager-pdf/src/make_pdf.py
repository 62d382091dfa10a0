"""Build resume.pdf for the software-eng-manager-pdf blind case (single column, fpdf2, core fonts).
Run from the case folder:  python src/make_pdf.py"""
import datetime
from fpdf import FPDF

pdf = FPDF(format="A4")
pdf.set_creation_date(datetime.datetime(2026, 10, 20, 10, 0, 0, tzinfo=datetime.timezone.utc))
pdf.set_author("Karthik Venkataraman"); pdf.set_title("Resume - Karthik Venkataraman")
pdf.set_margins(16, 14, 16); pdf.set_auto_page_break(True, 14)
pdf.add_page()
W = pdf.w - 32

def heading(t):
    pdf.ln(2.5); pdf.set_font("Helvetica", "B", 11.5); pdf.set_text_color(20, 60, 120)
    pdf.cell(W, 6.5, t.upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(20, 60, 120); pdf.line(16, pdf.get_y(), 16 + W, pdf.get_y()); pdf.ln(1.5)
    pdf.set_text_color(0, 0, 0)

def para(t, size=9.8, style=""):
    pdf.set_font("Helvetica", style, size); pdf.multi_cell(W, 4.9, t, new_x="LMARGIN", new_y="NEXT")

def bullet(t):
    pdf.set_font("Helvetica", "", 9.8)
    pdf.cell(5, 4.9, "-"); pdf.multi_cell(W - 5, 4.9, t, new_x="LMARGIN", new_y="NEXT")

def role(title, org, dates):
    pdf.ln(1.2); pdf.set_font("Helvetica", "B", 10.3)
    pdf.cell(W * 0.68, 5.4, f"{title}  |  {org}")
    pdf.set_font("Helvetica", "I", 9.8); pdf.cell(W * 0.32, 5.4, dates, align="R", new_x="LMARGIN", new_y="NEXT")

pdf.set_font("Helvetica", "B", 19); pdf.cell(W, 9, "KARTHIK VENKATARAMAN", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 10.5); pdf.cell(W, 5.5, "Engineering Manager - Payments & Platform Engineering", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 9.3)
pdf.cell(W, 5, "Bengaluru, Karnataka  |  +91 98450 55512  |  karthik.venkat@example.in  |  linkedin.com/in/karthikv-example", new_x="LMARGIN", new_y="NEXT")
pdf.cell(W, 5, "Total experience: 14+ years  |  Current CTC: 42 LPA  |  Expected CTC: 55 LPA  |  Notice period: 60 days", new_x="LMARGIN", new_y="NEXT")

heading("Professional Summary")
para("Hands-on engineering leader with 14+ years building high-scale fintech and e-commerce systems, the last 6+ years "
     "leading teams. Drove engineering excellence and platform modernisation across payments, checkout and "
     "merchant platforms. Passionate about building high-performing, high-trust teams, hiring for culture add, and "
     "delivering business outcomes with a strong DevOps and reliability mindset. Looking for a Senior EM / Director "
     "role in a product company.")

heading("Technical Skills")
para("Languages & Frameworks: Java, Spring Boot, Go, Python")
para("Cloud & Infra: AWS, K8s, Terraform, Docker, Jenkins, ArgoCD")
para("Data & Messaging: PostgreSQL, Redis, Kafka, Elasticsearch")
para("Practices: Microservices, System Design, Observability, SRE, GenAI / LLMOps")
para("Management: Hiring, OKRs, Performance reviews, Agile / Scrum, Stakeholder management")

heading("Professional Experience")
role("Engineering Manager", "PayNest Technologies Pvt. Ltd.", "Aug 2023 - Present")
bullet("Managed 12 engineers across two squads (Payments Core and Platform/SRE), 2 of them hired as leads.")
bullet("Reduced team attrition from 28% to 9% in FY 2024-25 through career ladders and regular 1:1s.")
bullet("Moved 40+ payment services from EC2 VMs to Kubernetes (EKS) with zero-downtime cutovers.")
bullet("Cut p99 latency of the UPI collect flow by 35%; on-call pages down by half after SLO rollout.")
bullet("Partnered with Product, Risk and Compliance on the RBI payment-aggregator licence audit.")

role("Engineering Manager", "Quikkart (quick-commerce startup)", "Dec 2022 - Jun 2023")
bullet("Set up the order-orchestration team (6 engineers) for the dark-store launch in 3 cities.")
bullet("Introduced sprint rituals, design reviews and an incident post-mortem process.")

role("Tech Lead (promoted Apr 2019)", "Infobridge Systems", "Apr 2019 - Nov 2022")
bullet("Led the checkout and promotions services for a B2C marketplace, team of 7.")
bullet("Helped with the move from a monolith to microservices.")
bullet("Interviewed 100+ candidates; part of the hiring bar-raiser panel.")

role("Senior Software Engineer", "Infobridge Systems", "Jul 2016 - Mar 2019")
bullet("Built the merchant settlement engine (Java, Spring Boot, PostgreSQL).")
bullet("Owned the Kafka-based event pipeline for order events.")

role("Software Engineer", "Tekvana Consultancy Services", "Jun 2012 - Jun 2016")
bullet("Banking client projects: core-banking integrations, batch jobs, support rotations.")

heading("Education")
para("B.Tech, Computer Science and Engineering - Sri Venkateswara Institute of Technology, Chennai (2008 - 2012), CGPA 8.4/10")

heading("Certifications")
para("AWS Certified Solutions Architect - Associate (2021)")
para("Certified ScrumMaster (CSM), Scrum Alliance (2019)")

heading("Achievements")
bullet("PayNest 'Leader of the Year' 2024.")
bullet("Speaker, regional Java user group meetup, 2022 (Kafka in payments).")

pdf.output("resume.pdf")
