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
    therapist coach facilitator handler courier porter guard attendant registrar gp
    reporter correspondent carpenter joiner plumber welder labourer laborer bricklayer
    roofer machinist fitter installer""".split()
) | frozenset(
    # The same in the other languages resumes are often written in.
    """ingeniero ingeniera ingénieur ingenieur ingegnere engenheiro gerente jefe jefa
    directora director directeur directrice direttore diretor diretora responsable
    analista desarrollador desarrolladora développeur développeuse entwickler
    sviluppatore desenvolvedor programador programadora consultor consultora
    consultant consulente berater beraterin técnico técnica technicien technicienne
    techniker tecnico coordinador coordinadora coordinatrice coordinateur coordenador
    chargé chargée assistant assistante asistente assistente asesor asesora conseiller
    conseillère vendedor vendedora vendeur vendeuse comercial enfermero enfermera
    infirmier infirmière profesor profesora professeur enseignant enseignante docente
    contador contadora contable comptable auditora abogado abogada avocat avocate
    practicante becario becaria stagiaire praktikant praktikantin estagiário estagiária
    stagista pasante leiter leiterin referent referentin sachbearbeiter mitarbeiter
    mitarbeiterin geschäftsführer projektleiter jefe encargado encargada supervisora
    superviseur operario operaria ouvrier chef""".split()
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
    co-op inc., practice gazette newspaper magazine""".split()
)


_LOCATION_WORDS = frozenset(
    """remote hybrid on-site onsite usa us uk united kingdom england scotland wales ireland
    canada australia germany france india singapore netherlands spain italy japan china
    brazil mexico nigeria kenya south africa new zealand sweden norway denmark finland
    poland switzerland austria belgium portugal london berlin paris new york nyc san
    francisco seattle boston chicago austin toronto vancouver sydney melbourne dublin
    amsterdam bangalore bengaluru mumbai delhi remote-first worldwide""".split()
)


# Places of more than one word, written without a region.
_CITIES = frozenset(
    """New York|San Francisco|Los Angeles|Hong Kong|Tel Aviv|Buenos Aires|Sao Paulo|São Paulo|
    Mexico City|Kuala Lumpur|Cape Town|Abu Dhabi|New Delhi|Rio de Janeiro|Washington DC|
    Washington, DC|Salt Lake City|San Diego|San Jose|Las Vegas|Hong Kong SAR|South Africa|
    New Zealand|United Kingdom|United States|United Arab Emirates|Saudi Arabia|Sri Lanka|
    Costa Rica|Puerto Rico|Northern Ireland""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)


# "(self-employed)", "(part-time)", "(0.5 FTE)": how a job was held, not its title or employer.
_EMPLOYMENT_TYPE = re.compile(
    r"[(\[]\s*(?:self[- ]employed|freelance|contract(?:or)?|part[- ]time|full[- ]time|"
    r"remote|hybrid|on-?site|temporary|temp|internship|seasonal|volunteer|locum|agency|"
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


# A dash between a digit and a word joins a code or a range ("ST3–ST4", "Band 5–6").
HEADER_SPLIT = re.compile(
    r"\s*(?:\||•|·|(?<![0-9])[—–](?![0-9])|;|\s-\s|\t|\s{3,}|\s@\s|\bat\b(?=\s+[A-Z]))\s*"
)


# Occupations named by their ending: physiotherapist, radiologist, pharmacist, dietitian.
# Singular only: "Moorland Chemists" is a shop, "Chemist" a job; "Lindqvist" a name.
_TITLE_ENDING = re.compile(r"(?:ologist|(?<!qv|kv|qu)ist|itian|ician)$")
_NOT_TITLE_ENDING = frozenset(
    "list lists checklist playlist waitlist shortlist assist baptist methodist adventist".split()
)
# Grades that only ever qualify a job: "Senior", "Junior", "Deputy", "Acting", "Locum".
_GRADE_WORDS = frozenset("senior junior sr sr. jr jr. deputy acting interim locum".split())


def title_score(text: str) -> int:
    words = [w.strip(".") for w in words_of(text)]
    score = sum(
        1
        for w in words
        if w in _TITLE_WORDS
        or (len(w) > 6 and _TITLE_ENDING.search(w) and w not in _NOT_TITLE_ENDING)
    )
    return score + (1 if words and words[0] in _GRADE_WORDS and not score else 0)


# Legal forms, written with or without dots ("S.A. de C.V.", "B.V.", "Pvt Ltd", "S.r.l.",
# Central and Eastern Europe's "sp. z o.o.", "s.r.o.", "d.o.o.", "Kft.").
_LEGAL_FORMS = frozenset(
    """inc ltd llc llp plc gmbh ag sa cv sl srl spa bv nv pty pvt ltda sarl sas bhd sdn oy
    kk se ab as aps sp oo sro doo kft zrt ooo""".split()
)


def org_score(text: str) -> int:
    words = words_of(text)
    hints = sum(1 for w in words if w in _ORG_HINTS or w.strip(".,") in _ORG_HINTS)
    # A dotted legal form ("S.A.", "C.V.") is a company, never a job.
    dotted = sum(1 for w in words if "." in w.strip(".") and w.replace(".", "") in _LEGAL_FORMS)
    return hints + dotted


def legal_form_only(text: str) -> bool:
    """ "S.A. de C.V.", "Pvt. Ltd.", "Inc.": the tail of a company's name, not a name."""
    words = [w.replace(".", "") for w in words_of(text)]
    return bool(words) and all(w in _LEGAL_FORMS or w in {"de", "z", "co", "&"} for w in words)


def ends_in_legal_form(text: str) -> bool:
    """ "Harbin Tooling Ltd", "Norvale Serviços Ltda.": a company's whole name ends here,
    so what follows a comma is not more of it."""
    words = words_of(text)
    return len(words) >= 2 and words[-1].replace(".", "") in _LEGAL_FORMS


def is_location(text: str) -> bool:
    """A whole piece that is a place: "Remote", "Austin, TX", "London, UK"."""
    t = text.strip(" ,()")
    if not t or len(t) > 40:
        return False
    low = t.lower()
    if low in _LOCATION_WORDS or t in _CITIES:
        return True
    parts = [p.strip() for p in t.split(",")]
    if len(parts) != 2 or len(parts[0].split()) > 3 or org_score(parts[0]):
        return False
    last = parts[-1]
    # "Kestrel Payments, Remote" is an organisation and a place, not one place; a
    # region may be abbreviated with a dot ("Saltillo, Coah.", "London, Ont.").
    if re.fullmatch(r"[A-Z][a-z]{1,4}\.", last) and not legal_form_only(last):
        return True
    if last in _CITIES:
        return True
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


def _bracket_piece(m: re.Match[str]) -> str:
    """ "(Boulder, CO)" or "(Acme Corp)" is a piece of its own; what qualifies the words
    before it stays with them: a grade code ("(ST3–ST4)", "(CDL-A)"), how the job was
    held ("(part-time)", "(contract)"), a translation ("(Quality Engineer)")."""
    inner = m.group(1).strip()
    if legal_form_only(inner):
        return f" {inner} "  # "Ubuntu Beverages (Pty) Ltd"
    code = (
        " " not in inner
        and len(inner) <= 12
        and (any(c.isdigit() for c in inner) or inner.isupper())
        and not is_location(inner)
    )
    if inner and (code or _EMPLOYMENT_TYPE.fullmatch(m.group(0).strip())):
        return m.group(0)
    # Right after a title, a bracketed word says which post it was ("Controller
    # (Approach)", "Nurse (Theatres)"): a place follows the employer, not the title.
    before = HEADER_SPLIT.split(m.string[: m.start()].rsplit("\n", 1)[-1])[-1]
    before = before.rsplit(",", 1)[-1]
    qualifier = not (is_location(inner) or org_score(inner) or title_score(inner))
    if inner and qualifier and title_score(before) > org_score(before):
        return m.group(0)
    if inner and not (
        is_location(inner) or _place_like(inner) or org_score(inner) > title_score(inner)
    ):
        return m.group(0)
    return f" | {inner} | "


def split_header(header: str, date_text: str = "") -> tuple[str | None, str | None, str | None]:
    """Title, organisation and location from a role's header lines."""
    cleaned = header.replace(date_text, " ") if date_text else header
    # "(Boulder, CO)" is a piece of its own, usually the place.
    bracketed = [b.strip() for b in re.findall(r"[(\[]([^()\[\]\n]*)[)\]]", cleaned)]
    cleaned = re.sub(r"\s*[(\[]([^()\[\]\n]*)[)\]]", _bracket_piece, cleaned)
    # Brackets kept as qualifiers are whole; a separator inside one splits nothing.
    found = re.findall(r"[(\[][^()\[\]\n]*[)\]]", cleaned)
    kept = {f"\x00{n}\x00": b for n, b in enumerate(found)}
    for mark, b in kept.items():
        cleaned = cleaned.replace(b, mark, 1)
    cleaned = re.sub(r"[()\[\]]", " ", cleaned)
    parts: list[str] = []
    rows: list[int] = []  # the header line each part comes from
    seps: list[str] = []  # the separator before each part on its line
    # Text extraction can flatten "Org   City, ST" and the title beneath into one run:
    # "Google Mountain View, CA Software Engineer". A "City, ST" in the middle splits it.
    for row, line in enumerate(cleaned.split("\n")):
        lead = _PROSE_LEAD.match(line)
        if lead:
            line = line[lead.end() :][:1].upper() + line[lead.end() + 1 :]
        line = _split_flattened(re.sub(r"^\s*[•\-*]\s+", "", line).strip())
        bits = _SPLIT_KEEP.split(line)
        for piece, sep in zip(bits[::2], ["", *bits[1::2]], strict=True):
            for mark, b in kept.items():
                piece = piece.replace(mark, b)
            piece = piece.strip(" ,;:-–—|")
            if not piece or not re.search(r"[A-Za-z]", piece):
                continue
            parts.append(piece)
            rows.append(row)
            seps.append(sep.strip())
    # Comma-joined pieces: "Title, Organisation", "Organisation, City, ST", "Org, Remote",
    # and all of them at once: "Title, Organisation, City, ST".
    expanded: list[str] = []
    joins: list[str] = []  # the dash or comma between a piece and the one before it
    for n, piece in enumerate(parts):
        subs = _split_commas(piece)
        others = [
            p
            for k, p in enumerate(parts)
            # on the title's line or below it: an employer line above a "Title, area"
            # line is the usual employer-first layout, where the comma starts the area
            if k != n
            and rows[k] >= rows[n]
            and not is_location(p)
            and p not in bracketed
            and p.lower() not in NOT_AN_ORG
        ]
        if len(subs) == 2 and others and qualifies_title(*subs):
            subs = [piece]  # "Product Manager, Payouts - Brightpay": a title and its team
        expanded.extend(subs)
        joins.extend([seps[n] if seps[n] in _DASHES else "", *([","] * (len(subs) - 1))])
    location = (
        next((p for p in expanded if is_location(p)), None)
        or next((p for p in bracketed if p in expanded and _place_like(p)), None)
        # a town no list knows, after a comma that closes a company's legal name
        or next(
            (
                p
                for k, p in enumerate(expanded)
                if k and joins[k] == "," and ends_in_legal_form(expanded[k - 1]) and _place_like(p)
            ),
            None,
        )
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
    if title and org:
        title = _with_area(title, org, expanded, joins)
    elif title is None and org and org.count(",") == 1 and len(expanded) == 1:
        # "Reporter, Canton Falls Gazette": with no word to tell them apart, a short
        # piece before a comma and a name of two words or more after it are the usual
        # "Title, Organisation" (an "Organisation, City" names its place or firm).
        head, tail = (p.strip() for p in org.split(","))
        if (
            len(tail.split()) >= 2
            and len(head.split()) <= 4
            and not org_score(head)
            and not is_location(tail)
            and not legal_form_only(tail)
        ):
            title, org = head, tail
    if org:
        org = _EMPLOYMENT_TYPE.sub(" ", org)  # "Acme (contract)": how, not who
    if org is None and location and location.count(",") == 1:
        # "Maison Verlaine, Paris": a name of two words or more before a city is the
        # employer, when the line names no other ("Austin, TX" and "London, UK" stay).
        head, tail = (p.strip() for p in location.split(","))
        if (
            len(head.split()) >= 2
            and tail.lower() in _LOCATION_WORDS
            and tail.lower() not in _COUNTRIES
            and head not in _CITIES
            and not is_location(head)
        ):
            org, location = head, tail
    return _name_like(tidy(title)), _name_like(tidy(org)), tidy(location)


_SPLIT_KEEP = re.compile(f"({HEADER_SPLIT.pattern})")
_DASHES = {"—", "–", "-"}


def _with_area(title: str, org: str, pieces: list[str], joins: list[str]) -> str:
    """ "Assistant Manager – Statutory Audit, Acme LLP", "Acme\nShift Lead, Outbound": a
    piece after a dash or comma that names no job, firm or place, beside an employer
    named in another piece, is the title's area or team."""
    at = pieces.index(title) + 1 if title in pieces else len(pieces)
    if at >= len(pieces) or not joins[at]:
        return title
    area = pieces[at]
    if area == org or title_score(area) or org_score(area) or is_location(area):
        return title
    if area.lower().strip(". ") in NOT_AN_ORG or area.lower() in _LOCATION_WORDS:
        return title
    if not area[:1].isupper() and not area[:1].isdigit():
        return title
    sep = joins[at]
    return f"{title}, {area}" if sep == "," else f"{title} {sep} {area}"


_ABBREVIATION_END = re.compile(
    r"\b(?:Inc|Ltd|Co|Corp|Bros|Assoc|Dept|Jr|Sr|St)\.$|(?:[A-Za-z]\.){2,}$|(?<!\S)[A-Z][a-z]{0,3}\.$"
)


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
    if legal_form_only(rest):
        return [piece]  # "Acme Componentes, S.A. de C.V."
    if ends_in_legal_form(head) and _place_like(rest):
        return [head, rest]  # "Norvale Serviços Ltda., Recife": a company, then its town
    # the rest may itself be "Organisation Ltd, Town"
    if title_score(head) and not title_score(rest):
        return [head, *_split_commas(rest)]
    if org_score(rest) and not org_score(head):
        return [head, *_split_commas(rest)]  # "Personal Banker, First Harbor Bank"
    return [piece]


def qualifies_title(head: str, tail: str) -> bool:
    """ "SOC Analyst, Tier 2", "Paralegal, Commercial Litigation": a title and what it
    covers, when the employer is named in another piece of the line."""
    return bool(title_score(head)) and not (
        org_score(tail) or title_score(tail) or is_location(tail) or tail in _CITIES
    )


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
    value = re.sub(r"\s*(?:\(\s*\)|\[\s*\])", "", value)  # brackets emptied of a date
    value = re.sub(r"\s+([,;:.])", r"\1", " ".join(value.split()))
    # Removing a date or a word ("revalidated 2017, lapsed 2020") can leave its
    # separators behind: one is kept, so a question never reads "revalidated,, UK".
    value = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", value).strip(" ,;:-–—|")
    letters = [c for c in value if c.isalpha()]
    if len(letters) > 5 and all(c.isupper() for c in letters) and " " in value:
        # "KESTREL PAYMENTS" reads as shouting in a question; short acronyms stay.
        value = " ".join(w if len(w) <= 3 else w.capitalize() for w in value.split())
    return value[:120] or None
