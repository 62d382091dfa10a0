"""Placeholders for a candidate's identifiers, so nothing personal leaves the machine.

Before a prompt is sent to a model, the candidate's name, email addresses, phone numbers,
street address and personal URLs are replaced by placeholders (``[CANDIDATE]``,
``[EMAIL_1]``, ``[PHONE_1]``, ``[URL_1]``, ``[ADDRESS]``). The mapping stays in this
process; the model's answer has the placeholders put back where it repeats them.

A placeholder stands for one value: the same email is always ``[EMAIL_1]``, whichever
text it was found in, so a model can refer to it consistently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Analysis, ContactDetails

CANDIDATE = "[CANDIDATE]"
ADDRESS = "[ADDRESS]"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Web addresses with a scheme or www., and bare profile links (github.com/name) that
# resumes print without one.
URL = re.compile(
    r"(?i:https?://|www\.)[^\s|,;<>\"'()\[\]]+"
    # Bare domains only in lower case: "ASP.NET/C#" on a skills line is not a link.
    r"|\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|dev|me|app|page|site|co|uk|de|fr|ca|au|in)"
    r"/[^\s|,;<>\"'()\[\]]*"
)
# Loose on purpose: the digit count below decides. A date range ("2015 - 2019") is not a
# phone number; a run of 9-15 digits with phone punctuation is.
PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d \t().-]{7,}\d(?![\w/])")
STREET = re.compile(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w.'-]*\s+){1,4}"
    r"(?i:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|"
    r"pl|terrace|close|crescent|square|sq|parkway|pkwy|highway|hwy)\b\.?"
    # The rest of the address on the same line: unit, town, region, postcode.
    r"(?:,?[ \t]+(?i:apt|apartment|unit|suite|flat|#)\.?[ \t]*[\w-]+)?"
    r"(?:,[ \t]*[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,2}){0,3}"
    r"(?:[ \t]+\d{4,5}(?:-\d{4})?|[ \t]+[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})?",
)
_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_phone(candidate: str) -> bool:
    digits = sum(c.isdigit() for c in candidate)
    if not 9 <= digits <= 15:
        return False
    groups = re.findall(r"\d+", candidate)
    # Years and year ranges are dates, whatever punctuation joins them.
    return not all(len(g) == 4 and _YEAR.fullmatch(g) for g in groups)


class Redactor:
    """Replaces one candidate's identifiers with placeholders, and puts them back.

    Build it with :meth:`for_contact` (or :meth:`for_analysis`); call :meth:`redact` on
    every text that will be sent and :meth:`restore` on every text that comes back.
    """

    def __init__(self, name: str | None = None, literals: Iterable[tuple[str, str]] = ()):
        # Fixed strings known from the resume header, longest first so that a full name
        # is replaced before its parts.
        self._literals: list[tuple[str, str]] = sorted(
            {(v, p) for v, p in literals if v.strip()}, key=lambda vp: -len(vp[0])
        )
        self._name = name.strip() if name and name.strip() else None
        self._name_parts = self._name_pattern(self._name)
        # placeholder -> the original text it stands for
        self._originals: dict[str, str] = {}
        # normalised value -> placeholder, so one value keeps one placeholder
        self._assigned: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}
        if self._name:
            self._originals[CANDIDATE] = self._name
        for value, placeholder in self._literals:
            self._originals.setdefault(placeholder, value)

    @classmethod
    def for_contact(cls, contact: ContactDetails) -> Redactor:
        literals: list[tuple[str, str]] = []
        redactor = cls(contact.name)
        for email in contact.emails:
            literals.append((email, redactor._placeholder("EMAIL", email.lower(), email)))
        for url in contact.urls:
            literals.append((url, redactor._placeholder("URL", url.lower().rstrip("/"), url)))
        for phone in contact.phones:
            if _is_phone(phone):
                digits = re.sub(r"\D", "", phone)
                literals.append((phone, redactor._placeholder("PHONE", digits, phone)))
        if contact.address:
            # The parser keeps the whole line; the street part is what identifies.
            street = STREET.search(contact.address)
            literals.append((street.group() if street else contact.address, ADDRESS))
        redactor._literals = sorted(set(literals), key=lambda vp: -len(vp[0]))
        for value, placeholder in redactor._literals:
            redactor._originals.setdefault(placeholder, value)
        return redactor

    @classmethod
    def for_analysis(cls, analysis: Analysis) -> Redactor:
        return cls.for_contact(analysis.resume.contact)

    # ------------------------------------------------------------------ public

    @property
    def placeholders(self) -> dict[str, str]:
        """Each placeholder used so far and the original it stands for."""
        return dict(self._originals)

    def redact(self, text: str) -> str:
        """``text`` with every identifier replaced by its placeholder."""
        if not text:
            return text
        for value, placeholder in self._literals:
            text = text.replace(value, placeholder)
        # Then the patterns: an email only in the notes, or a phone number printed
        # differently from the header, is still caught.
        text = EMAIL.sub(lambda m: self._placeholder("EMAIL", m.group().lower(), m.group()), text)
        text = URL.sub(self._url, text)
        text = PHONE.sub(self._phone, text)
        text = STREET.sub(lambda m: self._address(m.group()), text)
        if self._name_parts is not None:
            text = self._name_parts.sub(CANDIDATE, text)
        return text

    def restore(self, text: str) -> str:
        """``text`` with the placeholders a model repeated put back to the originals."""
        if not text or "[" not in text:
            return text
        for placeholder, original in self._originals.items():
            text = text.replace(placeholder, original)
        return text

    def leaks(self, text: str) -> list[str]:
        """Identifiers of this candidate still present in ``text`` (a self-check)."""
        found = [o for p, o in self._originals.items() if p != CANDIDATE and o in text]
        if self._name_parts is not None and self._name_parts.search(text):
            found.append(self._name or "")
        return found

    # ------------------------------------------------------------------ helpers

    def _placeholder(self, kind: str, key: str, original: str | None = None) -> str:
        placeholder = self._assigned.get((kind, key))
        if placeholder is None:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            placeholder = f"[{kind}_{self._counts[kind]}]"
            self._assigned[(kind, key)] = placeholder
            self._originals[placeholder] = original if original is not None else key
        return placeholder

    def _url(self, m: re.Match[str]) -> str:
        url = m.group()
        # Trailing sentence punctuation is not part of the address.
        core = url.rstrip(".)!?:")
        tail = url[len(core) :]
        return self._placeholder("URL", core.lower().rstrip("/"), core) + tail

    def _phone(self, m: re.Match[str]) -> str:
        raw = m.group()
        if not _is_phone(raw):
            return raw
        return self._placeholder("PHONE", re.sub(r"\D", "", raw), raw.strip())

    def _address(self, found: str) -> str:
        self._originals.setdefault(ADDRESS, found)
        return ADDRESS if self._originals[ADDRESS] == found else self._placeholder("ADDRESS", found)

    @staticmethod
    def _name_pattern(name: str | None) -> re.Pattern[str] | None:
        """The full name, and each part of it long enough not to be a common word.

        Case-sensitive as written and in capitals, so "Rivera" and "RIVERA" are caught
        while the word "will" is not mistaken for a candidate called Will."""
        if not name:
            return None
        parts = [p.strip(".,") for p in name.split()]
        variants = {name, name.upper()}
        variants.update(p for p in parts if len(p) >= 3)
        variants.update(p.upper() for p in parts if len(p) >= 3)
        alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
        return re.compile(rf"(?<![\w\[])(?:{alternatives})(?![\w\]])")
