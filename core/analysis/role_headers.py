"""A role's header lines -> title, organisation and location.

"Senior Engineer, Acme Corp (Denver, CO)", "ACME CORP, Denver, CO  Jan 2019 – ...",
"Google Mountain View, CA Software Engineer": the pieces are split on the separators
resumes use and told apart by vocabulary (title words, organisation words, places).
"""

from __future__ import annotations

import re

from .resume_text import words_of

_TITLE_WORDS = frozenset(
    """engineer developer programmer manager director analyst scientist designer consultant
    specialist coordinator assistant associate officer lead head chief president vp vice
    intern internship trainee apprentice nurse teacher lecturer professor researcher
    fellow accountant auditor controller administrator architect technician
    representative rep agent advisor adviser clerk supervisor chef cook sous server
    bartender cashier paralegal attorney lawyer counsel solicitor editor writer
    copywriter producer marketer strategist owner founder cofounder co-founder partner
    principal staff executive ceo cto cfo coo cmo cio recruiter generalist instructor
    tutor mentor buyer planner operator driver mechanic electrician pharmacist physician
    doctor therapist counselor counsellor surgeon dentist secretary receptionist
    librarian curator photographer artist freelance freelancer contractor barista
    inspector estimator surveyor dispatcher foreman superintendent sergeant lieutenant
    captain officer postdoc postdoctoral phd student graduate teaching assistant ta
    volunteer steward merchandiser housekeeper host hostess waiter waitress caregiver
    aide paramedic midwife pilot programme product owner scrum master sre devops tester
    qa ux ui marketing sales account success support operations hr bookkeeper treasurer
    banker teller underwriter adjuster broker actuary
    chair member trustee liaison paraprofessional clinician hygienist technologist
    therapist coach facilitator handler courier porter guard attendant""".split()
)


_ORG_HINTS = frozenset(
    """inc inc. ltd ltd. llc llp plc gmbh ag sa corp corp. corporation company co co. group
    hospital clinic university college school academy bank council agency labs lab
    technologies technology solutions systems partners consulting services foundation
    institute ministry department government capital ventures studio studios restaurant
    bistro cafe café hotel hotels store stores logistics airlines airways health
    healthcare trust nhs bureau authority association society church museum library
    network media press publishing software analytics insurance pharma pharmaceuticals
    energy motors foods brewery bakery kitchen bar grill retail markets union cooperative
    co-op inc.,""".split()
)


_LOCATION_WORDS = frozenset(
    """remote hybrid on-site onsite usa us uk united kingdom england scotland wales ireland
    canada australia germany france india singapore netherlands spain italy japan china
    brazil mexico nigeria kenya south africa new zealand sweden norway denmark finland
    poland switzerland austria belgium portugal london berlin paris new york nyc san
    francisco seattle boston chicago austin toronto vancouver sydney melbourne dublin
    amsterdam bangalore bengaluru mumbai delhi remote-first worldwide""".split()
)


# "(self-employed)", "(part-time)", "(0.5 FTE)": how a job was held, not its title or employer.
_EMPLOYMENT_TYPE = re.compile(
    r"[(\[]\s*(?:self[- ]employed|freelance|contract(?:or)?|part[- ]time|full[- ]time|"
    r"remote|hybrid|on-?site|temporary|temp|internship|seasonal|volunteer|"
    r"[\d.]+\s*FTE|[\d]+\s*(?:hrs?|hours)(?:/|\s+a\s+|\s+per\s+)w(?:ee)?k)\s*[)\]]",
    re.IGNORECASE,
)


NOT_AN_ORG = frozenset(
    {
        "self-employed",
        "self employed",
        "freelance",
        "independent",
        "various clients",
        "various",
        "contract",
        "sole trader",
        "own business",
    }
)


_PLACE = re.compile(r"\b([A-Z][a-z]+), ([A-Z]{2})\b")


# First words of two-word city names ("Mountain View", "San Francisco", "New York").
_CITY_PREFIX = frozenset(
    """new san los las santa salt palo mountain fort st st. saint ann grand baton cedar palm
    redwood menlo el la long sioux kansas oklahoma jersey ho rio hong kuala tel buenos sao
    cape des virginia colorado panama west east north south lake""".split()
)


_US_STATE = re.compile(
    r"\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|"
    r"PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\b"
)


HEADER_SPLIT = re.compile(r"\s*(?:\||•|·|—|–|;|\s-\s|\t|\s{3,}|\s@\s|\bat\b(?=\s+[A-Z]))\s*")


def title_score(text: str) -> int:
    return sum(1 for w in words_of(text) if w.strip(".") in _TITLE_WORDS)


def org_score(text: str) -> int:
    return sum(1 for w in words_of(text) if w in _ORG_HINTS or w.strip(".,") in _ORG_HINTS)


def is_location(text: str) -> bool:
    """A whole piece that is a place: "Remote", "Austin, TX", "London, UK"."""
    t = text.strip(" ,()")
    if not t or len(t) > 40:
        return False
    low = t.lower()
    if low in _LOCATION_WORDS:
        return True
    parts = [p.strip() for p in t.split(",")]
    if len(parts) != 2 or len(parts[0].split()) > 3 or org_score(parts[0]):
        return False
    last = parts[-1]
    # "Kestrel Payments, Remote" is an organisation and a place, not one place.
    return bool(_US_STATE.fullmatch(last)) or (
        last.lower() in _LOCATION_WORDS and last.lower() not in {"remote", "hybrid", "on-site"}
    )


def _split_flattened(line: str) -> str:
    """ "Google Mountain View, CA Software Engineer" -> "Google | Mountain View, CA |
    Software Engineer": text extraction flattens an employer line, its place and the
    title beneath into one run; a "City, ST" between words splits it."""
    for m in _PLACE.finditer(line):
        before, after = line[: m.start()].rstrip(), line[m.end() :].strip()
        if not before or not _US_STATE.fullmatch(m.group(2)):
            continue
        words = before.split()
        city = m.group(1)
        if words and words[-1].lower() in _CITY_PREFIX:
            city = f"{words.pop()} {city}"
        if words and after and title_score(after):
            return f"{' '.join(words)} | {city}, {m.group(2)} | {after}"
        if words and not after and not org_score(city) and not HEADER_SPLIT.search(before):
            # A right-aligned place loses its gap in extraction: "Stripe San Francisco, CA".
            return f"{' '.join(words)} | {city}, {m.group(2)}"
    tail = _COUNTRY_TAIL.search(line)
    if (
        tail
        and tail.group(2).lower() in _COUNTRIES
        and not org_score(tail.group(1))
        and not HEADER_SPLIT.search(line[: tail.start()])
    ):
        words = line[: tail.start()].split()
        city = tail.group(1)
        if words and words[-1].lower() in _CITY_PREFIX:
            city = f"{words.pop()} {city}"
        if words:
            return f"{' '.join(words)} | {city}, {tail.group(2)}"
    return line


# "Acme Ltd Leeds, UK" at the end of a line: a place whose gap was lost.
_COUNTRIES = frozenset(
    """uk usa us england scotland wales ireland canada australia germany france india
    singapore netherlands spain italy japan china brazil mexico nigeria kenya sweden norway
    denmark finland poland switzerland austria belgium portugal uae""".split()
)
_COUNTRY_TAIL = re.compile(r"\b([A-Z][a-z]+), ([A-Z][A-Za-z]+)$")


# A resume written as prose: "Before Quokka I was a call-center agent at Sunbelt Telecom".
# The words up to "I was a" introduce the title; they are not part of it.
_PROSE_LEAD = re.compile(
    r"^.{0,60}?\bI (?:was|am|worked as|work as|served as|have been)(?: an?| the)?\s+(?=\w)",
    re.IGNORECASE,
)


def split_header(header: str, date_text: str = "") -> tuple[str | None, str | None, str | None]:
    """Title, organisation and location from a role's header lines."""
    cleaned = header.replace(date_text, " ") if date_text else header
    cleaned = _EMPLOYMENT_TYPE.sub(" ", cleaned)
    # "(Boulder, CO)" is a piece of its own, usually the place.
    bracketed = [b.strip() for b in re.findall(r"[(\[]([^()\[\]\n]*)[)\]]", cleaned)]
    cleaned = re.sub(r"\s*[(\[]([^()\[\]\n]*)[)\]]", r" | \1 | ", cleaned)
    cleaned = re.sub(r"[()\[\]]", " ", cleaned)
    parts: list[str] = []
    # Text extraction can flatten "Org   City, ST" and the title beneath into one run:
    # "Google Mountain View, CA Software Engineer". A "City, ST" in the middle splits it.
    for line in cleaned.split("\n"):
        lead = _PROSE_LEAD.match(line)
        if lead:
            line = line[lead.end() :][:1].upper() + line[lead.end() + 1 :]
        line = _split_flattened(re.sub(r"^\s*[•\-*]\s+", "", line).strip())
        for piece in HEADER_SPLIT.split(line):
            piece = piece.strip(" ,;:-–—|")
            if not piece or not re.search(r"[A-Za-z]", piece):
                continue
            parts.append(piece)
    # Comma-joined pieces: "Title, Organisation", "Organisation, City, ST", "Org, Remote",
    # and all of them at once: "Title, Organisation, City, ST".
    expanded: list[str] = []
    for piece in parts:
        expanded.extend(_split_commas(piece))
    location = next((p for p in expanded if is_location(p)), None) or next(
        (p for p in bracketed if p in expanded and _place_like(p)), None
    )
    rest = [p for p in expanded if p != location]
    title: str | None = None
    org: str | None = None
    titled = [p for p in rest if title_score(p) > org_score(p)] or [
        p for p in rest if title_score(p) > 0
    ]
    if titled:
        title = max(titled, key=lambda p: title_score(p) - org_score(p))
        rest.remove(title)
    # "Self-employed" says who paid, not where: it is not an organisation to ask about.
    rest = [p for p in rest if p.lower().strip(". ") not in NOT_AN_ORG]
    if rest:
        named = [p for p in rest if org_score(p) > 0 and title_score(p) == 0]
        org = named[0] if named else rest[0]
        if title is None and len(rest) >= 2:
            # Neither names itself: the common "Title / Organisation" order, unless one
            # of them names an organisation.
            others = [p for p in rest if p != org]
            title = others[0] if named else rest[0]
            org = org if named else rest[1]
    return _name_like(tidy(title)), _name_like(tidy(org)), tidy(location)


_ABBREVIATION_END = re.compile(r"\b(?:Inc|Ltd|Co|Corp|Bros|Assoc|Dept|Jr|Sr|St)\.$")


def _name_like(value: str | None) -> str | None:
    """A title or employer reads as a short name, not a clause of prose ("board-game site
    from, part-time, about 8 hours a week."): prose is dropped rather than quoted back."""
    if value is None:
        return None
    words = value.split()
    prose = (
        len(words) > 8
        or (value[0].islower() and not value.split()[0].isupper())
        or (value.endswith(".") and not _ABBREVIATION_END.search(value))
    )
    return None if prose else value


def _split_commas(piece: str) -> list[str]:
    bits = [b.strip() for b in piece.split(",") if b.strip()]
    if len(bits) < 2 or is_location(piece):
        return [piece]
    if len(bits) >= 3 and is_location(", ".join(bits[-2:])):
        return [*_split_commas(", ".join(bits[:-2])), ", ".join(bits[-2:])]
    if is_location(bits[-1]) or bits[-1].lower() in {"remote", "hybrid", "on-site"}:
        return [*_split_commas(", ".join(bits[:-1])), bits[-1]]
    head, rest = bits[0], ", ".join(bits[1:])
    if title_score(head) and not title_score(rest):
        return [head, rest]
    if org_score(rest) and not org_score(head):
        return [head, rest]  # "Personal Banker, First Harbor Bank"
    return [piece]


def _place_like(piece: str) -> bool:
    """A bracketed "(Leeds)" after an employer: a place, unless it names a job or firm."""
    words = piece.split()
    return (
        0 < len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not title_score(piece)
        and not org_score(piece)
        and not any(ch.isdigit() for ch in piece)
    )


def tidy(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"\s+([,;:.])", r"\1", " ".join(value.split()))
    # Removing a date or a word ("revalidated 2017, lapsed 2020") can leave its
    # separators behind: one is kept, so a question never reads "revalidated,, UK".
    value = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", value).strip(" ,;:-–—|")
    letters = [c for c in value if c.isalpha()]
    if len(letters) > 5 and all(c.isupper() for c in letters) and " " in value:
        # "KESTREL PAYMENTS" reads as shouting in a question; short acronyms stay.
        value = " ".join(w if len(w) <= 3 else w.capitalize() for w in value.split())
    return value[:120] or None
