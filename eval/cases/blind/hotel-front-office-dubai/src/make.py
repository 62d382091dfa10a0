"""Rebuild resume.pdf for the hotel-front-office-dubai blind case (fpdf2, Lato TTF).

Run:  /work/main/.venv/bin/python src/make.py   (writes ../resume.pdf)
Layout: A4, coloured LEFT sidebar (contact, personal details, languages, skills),
main column on the right (profile, experience, education). Two pages.
"""
import datetime
import pathlib

from fpdf import FPDF

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / "resume.pdf"
FONTS = pathlib.Path("/usr/share/fonts/truetype/lato")

SIDEBAR_W = 64
MAIN_X = SIDEBAR_W + 8
MAIN_W = 210 - MAIN_X - 12
TEAL = (22, 78, 99)
SAND = (236, 226, 208)


class CV(FPDF):
    def header(self):
        # sidebar background on every page
        self.set_fill_color(*TEAL)
        self.rect(0, 0, SIDEBAR_W, 297, style="F")

    def footer(self):
        self.set_y(-12)
        self.set_x(MAIN_X)
        self.set_font("Lato", "I", 8)
        self.set_text_color(120, 120, 120)
        self.cell(MAIN_W, 5, f"Jessa Mae Villanueva | CV | page {self.page_no()} of {{nb}}", align="R")


pdf = CV(format="A4")
pdf.set_creation_date(datetime.datetime(2026, 10, 14, 8, 30, tzinfo=datetime.timezone.utc))
pdf.set_title("Jessa Mae Villanueva - CV")
pdf.set_author("Jessa Mae Villanueva")
pdf.add_font("Lato", "", str(FONTS / "Lato-Regular.ttf"))
pdf.add_font("Lato", "B", str(FONTS / "Lato-Bold.ttf"))
pdf.add_font("Lato", "I", str(FONTS / "Lato-Italic.ttf"))
pdf.add_font("Lato", "BI", str(FONTS / "Lato-BoldItalic.ttf"))
pdf.set_auto_page_break(False)  # off while the sidebar is drawn
pdf.alias_nb_pages()
pdf.add_page()

# ------------------------------------------------------------------ sidebar
y = 18


def side_head(text):
    global y
    y += 4
    pdf.set_xy(8, y)
    pdf.set_font("Lato", "B", 10.5)
    pdf.set_text_color(*SAND)
    pdf.cell(SIDEBAR_W - 14, 6, text)
    y += 6.5
    pdf.set_draw_color(*SAND)
    pdf.line(8, y, SIDEBAR_W - 8, y)
    y += 2


def side_line(text, bold=False):
    global y
    pdf.set_xy(8, y)
    pdf.set_font("Lato", "B" if bold else "", 9)
    pdf.set_text_color(255, 255, 255)
    pdf.cell(SIDEBAR_W - 12, 5, text)
    y += 5.2


side_head("CONTACT")
for t in ["+971 50 555 0187", "jessa.villanueva@example.com", "Al Barsha 1, Dubai, UAE",
          "linkedin.com/in/jessamae-v-example"]:
    side_line(t)

side_head("PERSONAL DETAILS")
for t in ["Nationality: Filipino", "Visa Status: Employment visa", "(transferable, NOC available)",
          "Notice Period: 30 days", "UAE Driving Licence: Yes"]:
    side_line(t)

side_head("LANGUAGES")
for t in ["English - Fluent", "Tagalog - Native", "Cebuano - Native", "Arabic - Basic"]:
    side_line(t)

side_head("KEY SKILLS")
for t in ["OPERA PMS / OPERA Cloud", "Upselling & room upgrades", "Guest complaint resolution",
          "Duty rota planning", "Night audit", "Loyalty programme enrolment",
          "Revinate guest feedback", "MS Excel & Outlook"]:
    side_line("\u2022  " + t)

side_head("INTERESTS")
for t in ["Desert running, baking,", "volunteering at community", "events in Al Quoz"]:
    side_line(t)

# ------------------------------------------------------------------ main column
pdf.set_left_margin(MAIN_X)
pdf.set_right_margin(12)
pdf.set_auto_page_break(True, margin=18)
pdf.set_top_margin(16)
pdf.set_text_color(30, 30, 30)
pdf.set_xy(MAIN_X, 16)
pdf.set_font("Lato", "B", 22)
pdf.set_text_color(*TEAL)
pdf.cell(MAIN_W, 10, "JESSA MAE VILLANUEVA")
pdf.set_xy(MAIN_X, 27)
pdf.set_font("Lato", "", 11)
pdf.set_text_color(90, 90, 90)
pdf.cell(MAIN_W, 6, "Assistant Front Office Manager  |  Rooms Division  |  Guest Experience")
pdf.set_y(38)



def main_head(text):
    pdf.ln(3)
    pdf.set_x(MAIN_X)
    pdf.set_font("Lato", "B", 12)
    pdf.set_text_color(*TEAL)
    pdf.cell(MAIN_W, 7, text, new_x="LMARGIN", new_y="NEXT")
    yy = pdf.get_y()
    pdf.set_draw_color(*TEAL)
    pdf.line(MAIN_X, yy, MAIN_X + MAIN_W, yy)
    pdf.ln(1.5)


def text(t, style="", size=9.5, h=4.8, color=(30, 30, 30)):
    pdf.set_x(MAIN_X)
    pdf.set_font("Lato", style, size)
    pdf.set_text_color(*color)
    pdf.multi_cell(MAIN_W, h, t, new_x="LMARGIN", new_y="NEXT")


def bullet(t):
    pdf.set_x(MAIN_X)
    pdf.set_font("Lato", "", 9.5)
    pdf.set_text_color(30, 30, 30)
    pdf.cell(4, 4.8, "\u2022")
    pdf.multi_cell(MAIN_W - 4, 4.8, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(0.4)


def role(title, where, dates):
    pdf.ln(1.5)
    text(title, "B", 10.5, 5.4)
    text(where, "", 9.5, 4.8, (70, 70, 70))
    text(dates, "I", 9, 4.6, (110, 110, 110))
    pdf.ln(0.8)


main_head("PROFILE")
text("Warm, guest-obsessed hospitality professional with more than ten years behind the front desk, "
     "nine of them in Dubai's luxury and upper-upscale market. Calm under pressure through peak season, "
     "Expo 2020 and New Year's Eve sell-outs, and happiest when coaching a team that treats every arrival "
     "as a chance to delight the guest and grow revenue. Now looking to step up to Front Office Manager "
     "with a brand that values its people as much as its numbers.")

main_head("WORK EXPERIENCE")

role("Assistant Front Office Manager",
     "Al Sufouh Grand Resort & Residences, Dubai  (5-star, 412 keys)",
     "04/2023 \u2013 Present")
bullet("Lead a front office team of 22 across reception, concierge, guest relations and bell desk.")
bullet("RevPAR up 18% year on year in 2024 after I launched an arrival upsell incentive together "
       "with the Revenue team.")
bullet("Build the weekly shift schedule and leave plan for the department and keep overtime "
       "within the monthly budget.")
bullet("Contributed to improved LQA audit scores and guest satisfaction.")
bullet("Handle VIP, long-stay and residence-owner arrivals; on the Duty Manager roster twice a month.")
bullet("Trained new joiners on OPERA Cloud after the property's PMS upgrade in late 2023.")

role("Front Office Supervisor",
     "Marina Pearl Hotel Apartments, Dubai Marina",
     "Aug 2022 \u2013 Feb 2023")
bullet("Supervised a shift of six agents for a 180-unit hotel-apartment property with many "
       "monthly long-stay contracts.")
bullet("Introduced pre-registration for group arrivals to shorten the lobby queue at peak check-in.")

role("The Creekside Deira Hotel, Dubai  (4-star, 260 rooms)", "", "")
pdf.set_y(pdf.get_y() - 9.4)
text("Front Desk Supervisor  |  Oct 2019 \u2013 Jul 2022", "B", 9.5, 5)
bullet("Ran the morning shift through the 2020 reopening and Expo 2020 Dubai, including new "
       "contact-free check-in procedures.")
bullet("Top upseller in the Rooms Division for five consecutive months in 2021.")
text("Guest Service Agent  |  Jun 2017 \u2013 Sep 2019", "B", 9.5, 5)
bullet("Check-in and check-out, cashiering, foreign exchange and reservations on OPERA PMS.")
bullet("Employee of the Month, March 2019.")

role("Front Desk Receptionist",
     "Casa Alta Hotel, Cebu City, Philippines",
     "2014 \u2013 2016")
bullet("Front desk for a 90-room business hotel; telephone and e-mail reservations, walk-in sales.")

main_head("EDUCATION & TRAINING")
text("BS Hospitality Management", "B", 10, 5)
text("Visayas State College of Tourism  |  2010 \u2013 2014", "", 9.5, 4.8, (70, 70, 70))
pdf.ln(1.5)
text("Certificate in Hotel Revenue Management", "B", 10, 5)
text("eCornell (online)  |  2024", "", 9.5, 4.8, (70, 70, 70))

main_head("REFERENCES")
text("Available upon request.")

pdf.output(str(OUT))
print("wrote", OUT, "page(s):", pdf.page_no())
