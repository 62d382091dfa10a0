"""The words resumes use in dates, in the languages they are most often written in:
month names and abbreviations, "present" words and "since" words.

English, Spanish, French, German, Portuguese, Italian and Dutch. A short form that is
also a common English word ("set", "out", "gen", "mag") is left out: "set 2019 targets"
is not a date.
"""

from __future__ import annotations

import re

_MONTHS_BY_NUMBER = (
    "jan january ene enero janv janvier januar jän jänner janeiro gennaio januari",
    "feb february febrero févr fevr février fevrier februar fev fevereiro febbraio februari",
    "mar march marzo mars mär märz maerz março marco mrt maart",
    "apr april abr abril avr avril aprile",
    "may mayo mai maio mei",
    "jun june junio juin juni junho giu giugno",
    "jul july julio juil juillet juli julho lug luglio",
    "aug august ago agosto août aout augustus",
    "sep sept september septiembre setiembre septembre setembro settembre",
    "oct october octubre octobre okt oktober outubro ott ottobre",
    "nov november noviembre novembre novembro",
    "dec december dic diciembre déc décembre decembre dez dezember dezembro dicembre",
)

MONTH_WORDS: dict[str, int] = {
    word: number
    for number, words in enumerate(_MONTHS_BY_NUMBER, start=1)
    for word in words.split()
}


def _either_case(word: str) -> str:
    """A pattern for ``word`` that matches it in any case even under ``re.ASCII``, where
    case folding covers ASCII letters only ("MÄRZ", "Févr")."""
    out = []
    for ch in word:
        if ch.isascii():
            out.append(re.escape(ch))
        else:
            out.append(f"[{ch.lower()}{ch.upper()}]")
    return "".join(out)


# Longest first, so "june" is tried before "jun" and "septiembre" before "sept".
MONTH_PATTERN = (
    r"(?<![A-Za-zÀ-ÿ])(?:"
    + "|".join(_either_case(w) for w in sorted(MONTH_WORDS, key=len, reverse=True))
    + r")(?![A-Za-zÀ-ÿ])"
)

# Words that end a range as "present" after a separator ("mar 2022 – actual").
PRESENT_WORDS = (
    "present",
    "now",
    "currently",
    "current",
    "ongoing",
    "today",
    "actualidad",
    "actualmente",
    "actual",
    "presente",
    "la fecha",
    "hoy",
    "présent",
    "aujourd'hui",
    "aujourd’hui",
    "ce jour",
    "en cours",
    "heute",
    "jetzt",
    "aktuell",
    "dato",
    "atualmente",
    "atual",
    "hoje",
    "oggi",
    "in corso",
    "attuale",
    "heden",
    "nu",
)
PRESENT_PATTERN = "(?:" + "|".join(re.escape(w).replace(r"\ ", " ") for w in PRESENT_WORDS) + ")"

# Words before a lone date that open a range to today ("Since 2020", "desde 2019").
SINCE_WORDS = frozenset({"since", "desde", "depuis", "seit", "sinds", "dal"})


def month_number(word: str) -> int:
    """The month a month word names ("Sept" -> 9, "août" -> 8, "MÄRZ" -> 3)."""
    low = word.lower().rstrip(".")
    return MONTH_WORDS.get(low) or MONTH_WORDS[low[:3]]
