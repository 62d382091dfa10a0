"""Build ../resume.pdf: two columns, a shaded left sidebar (contact, skills,
certifications) and the main column (profile, experience, education).

Lines are placed one by one with cell() and checked against their column width,
so nothing wraps in the text layer. The sidebar is drawn first, then the main column.
"""
import datetime
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "resume.pdf"

SIDEBAR_W = 62.0      # mm, including its own padding
PAD = 6.0
MAIN_X = SIDEBAR_W + 8.0
RIGHT = 12.0

SIDEBAR = [
    ("h", "CONTACT"),
    ("t", "Milwaukee, WI"),
    ("t", "(414) 555-0172"),
    ("t", "rosa.dimaculangan@example.com"),
    ("t", "github.com/rdimac-example"),
    ("t", "Place of birth: Cebu City, Philippines"),
    ("gap", None),
    ("h", "SKILLS"),
    ("t", "SIEM"),
    ("t", "EDR"),
    ("t", "Incident response"),
    ("t", "Threat hunting"),
    ("t", "Python, PowerShell"),
    ("t", "Wireshark"),
    ("t", "Burp Suite"),
    ("t", "Active Directory"),
    ("t", "AWS"),
    ("gap", None),
    ("h", "CERTIFICATIONS"),
    ("b", "CompTIA Security+"),
    ("t", "2018, renewed 2024"),
    ("b", "GIAC Certified Incident Handler"),
    ("t", "GCIH, 2024"),
    ("b", "Certified Ethical Hacker"),
    ("t", "EC-Council, 2019-2022"),
    ("gap", None),
    ("h", "EDUCATION"),
    ("b", "A.A.S. Network Administration"),
    ("t", "Lakeshore Community College"),
    ("t", "2016"),
]

PROFILE = [
    "Security engineer with six years on the blue team: three in a 24x7 MSSP SOC,",
    "then healthcare and insurance. Comfortable on the console at 3 a.m. and in",
    "the change-advisory meeting the next morning.",
]

ROLES = [
    ("Security Engineer", "Bramblecourt Insurance", "Apr 2023 - Present", [
        "Hardened infrastructure across on-prem and AWS environments.",
        "Own CrowdStrike Falcon policy and exclusions for 2,300 endpoints.",
        "Built Python enrichment scripts for alerts (WHOIS, VirusTotal, asset owner).",
        "Run weekly threat hunts from CloudTrail and proxy logs; write up findings.",
        "Point of contact for the annual external pen test and its remediation list.",
    ]),
    ("SOC Analyst (contract)", "Ironvale Health", "Sep 2022 - Mar 2023", [
        "Seven-month contract covering the SOC during a Microsoft Sentinel rollout.",
        "Migrated 60+ detection rules from the old SIEM and wrote their runbooks.",
        "Triaged phishing reports for 9 hospitals; average time to verdict 18 min.",
    ]),
    ("SOC Analyst, Tier 1 / Tier 2", "Cobaltline Managed Security", "Jun 2019 - Aug 2022", [
        "Monitored 40+ client environments in a 24x7 SOC; promoted to Tier 2 in 2021.",
        "Tuned Splunk correlation searches, cutting false positives by about 35%.",
        "Contained a client ransomware outbreak to 12 of 1,400 endpoints in under 3 hours.",
        "Packet analysis in Wireshark for escalated network cases.",
        "Wrote 14 playbooks for Tier 1 (phishing, impossible travel, brute force).",
    ]),
    ("IT Helpdesk Technician", "Kestrel Office Supplies", "Aug 2016 - May 2019", [
        "First-line support for 350 staff across 6 sites; about 40 tickets a day.",
        "Active Directory accounts, group policy and PowerShell clean-up scripts.",
        "Volunteered for the security team's phishing simulations; that started it.",
    ]),
]


class Resume(FPDF):
    def put(self, x, w, text, size, style="", h=5.0, color=(30, 30, 30)):
        self.set_font("Helvetica", style, size)
        if self.get_string_width(text) > w:
            raise SystemExit(f"line too long, would wrap: {text!r}")
        self.set_text_color(*color)
        self.set_x(x)
        self.cell(w, h, text, new_x="LEFT", new_y="NEXT")


def build():
    pdf = Resume(format="Letter", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(datetime.datetime(2026, 9, 18))
    pdf.set_title("Rosa Dimaculangan - Resume")
    pdf.set_author("Rosa Dimaculangan")
    pdf.add_page()

    # sidebar background
    pdf.set_fill_color(232, 237, 242)
    pdf.rect(0, 0, SIDEBAR_W, pdf.h, style="F")

    sx, sw = PAD, SIDEBAR_W - 2 * PAD
    pdf.set_y(20)
    for kind, text in SIDEBAR:
        if kind == "gap":
            pdf.ln(5)
        elif kind == "h":
            pdf.put(sx, sw, text, 9.5, "B", h=6, color=(20, 60, 110))
        elif kind == "b":
            pdf.put(sx, sw, text, 8.5, "B", h=4.6)
        else:
            pdf.put(sx, sw, text, 8.5, h=4.6)

    # main column
    mw = pdf.w - MAIN_X - RIGHT
    pdf.set_y(16)
    pdf.put(MAIN_X, mw, "Rosa Dimaculangan", 22, "B", h=11, color=(20, 60, 110))
    pdf.put(MAIN_X, mw, "Security Engineer  |  SOC  |  Incident Response", 11, h=7, color=(80, 80, 80))
    pdf.ln(6)
    pdf.put(MAIN_X, mw, "PROFILE", 10.5, "B", h=6, color=(20, 60, 110))
    for line in PROFILE:
        pdf.put(MAIN_X, mw, line, 9.5, h=4.9)
    pdf.ln(4)
    pdf.put(MAIN_X, mw, "EXPERIENCE", 10.5, "B", h=6, color=(20, 60, 110))
    for title, employer, dates, bullets in ROLES:
        pdf.ln(2)
        pdf.put(MAIN_X, mw, title, 10, "B", h=5.4)
        pdf.put(MAIN_X, mw, f"{employer}  |  {dates}", 9, "I", h=4.8, color=(80, 80, 80))
        for b in bullets:
            pdf.put(MAIN_X, mw, "-  " + b, 9.2, h=4.7)
    pdf.output(str(OUT))


if __name__ == "__main__":
    build()
