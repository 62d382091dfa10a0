"""Which listed skills a role or project line shows in use, and which nobody can see.

A skill only on the skills list is worth a question ("where did you use it?"); one a
bullet already shows is evidence a question can build on. Kept apart from the other
fact rules because how evidence is matched is the part most likely to change.
"""

from __future__ import annotations

import re

from ..models import Fact, FactKind, Resume, Role, Span
from .fact_building import make_fact, skill_pattern

_SOFT = {
    "communication",
    "teamwork",
    "leadership",
    "problem solving",
    "problem-solving",
    "time management",
    "interpersonal skills",
    "collaboration",
    "adaptability",
    "creativity",
    "critical thinking",
    "attention to detail",
    "work ethic",
    "multitasking",
    "organisation",
    "organization",
    "presentation skills",
    "negotiation",
    "empathy",
    "customer service",
    "flexibility",
    "self-motivated",
    "detail-oriented",
}


_SPOKEN = frozenset(
    """english spanish french german mandarin chinese cantonese hindi arabic portuguese
    italian japanese korean russian dutch swedish polish turkish urdu bengali tamil
    telugu punjabi swahili yoruba igbo hausa greek hebrew vietnamese thai tagalog""".split()
)


_ALIASES: dict[str, tuple[str, ...]] = {
    "javascript": ("js", "node.js", "nodejs", "typescript", "react"),
    "kubernetes": ("k8s", "eks", "gke", "aks"),
    "postgresql": ("postgres",),
    "postgres": ("postgresql",),
    "amazon web services": ("aws",),
    "aws": ("amazon web services", "ec2", "s3", "lambda"),
    "google cloud": ("gcp", "bigquery"),
    "gcp": ("google cloud", "bigquery"),
    "microsoft excel": ("excel",),
    "excel": ("spreadsheet", "spreadsheets", "pivot tables"),
    "machine learning": ("ml", "model", "models"),
    "ci/cd": ("continuous integration", "github actions", "jenkins", "gitlab ci", "pipeline"),
    "golang": ("go",),
    "react": ("react.js", "reactjs"),
    "node.js": ("node", "nodejs"),
}


# Each listed skill is looked for in every bullet; a few hundred is already far more
# than any resume lists.
MAX_SKILLS = 300


def _evidence_text(resume: Resume) -> list[tuple[str, Span, Role | None]]:
    chunks: list[tuple[str, Span, Role | None]] = []
    for role in resume.roles:
        for b in role.bullets:
            chunks.append((b.text, b.span, role))
        chunks.append((role.header, role.header_span, role))
    for p in resume.projects:
        chunks.append((f"{p.name} {p.description}", p.span, None))
    return chunks


def _skill_stems(name: str) -> set[str]:
    """Word stems of a multi-word skill ("plant consolidation" -> {"plant", "conso"}), so
    "Led the consolidation of two plants" counts as using it. Empty for one-word skills,
    which must appear as written."""
    words = [w for w in re.findall(r"[a-z&]{3,}", name.lower()) if w not in {"and", "the"}]
    return {w[:5] for w in words} if len(words) >= 2 else set()


def _stems_of(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z&]{3,}", text.lower())}


def _skill_weight(name: str) -> float:
    """Named tools and methods are worth validating before generic activities:
    "Marketo" or "marketing mix modelling" before "lifecycle email"."""
    from .skills_lexicon import skill_lexicon

    weight = 0.0
    if skill_lexicon().names_in(name):
        weight += 0.4
    if any(c.isupper() for c in name[1:]) or (name[:1].isupper() and " " not in name):
        weight += 0.3  # a proper name (Marketo, GA4, HL7/FHIR)
    if len(name.split()) >= 3 or len(name) >= 14:
        weight += 0.2  # a specific method rather than a one-word area
    return weight


def skill_facts(resume: Resume, text: str) -> list[Fact | None]:
    out: list[Fact | None] = []
    chunks = _evidence_text(resume)
    # Every skill is looked for in every chunk: each chunk's stems are worked out once.
    chunk_stems = [_stems_of(chunk[0]) for chunk in chunks]
    evidenced = 0
    seen: set[str] = set()
    for skill in resume.skills[:MAX_SKILLS]:
        key = skill.name.lower()
        if key in _SOFT or key in _SPOKEN or len(key) < 2 or key in seen:
            continue
        seen.add(key)
        names = (key, *_ALIASES.get(key, ()))
        stems = _skill_stems(key)
        hit: tuple[str, Span, Role | None] | None = None
        patterns = [skill_pattern(n) for n in names]
        for chunk, chunk_stem in zip(chunks, chunk_stems, strict=True):
            if any(p.search(chunk[0]) for p in patterns) or (stems and stems <= chunk_stem):
                hit = chunk
                break
        if hit is None:
            out.append(
                make_fact(
                    FactKind.skill_unevidenced,
                    text,
                    skill.span,
                    priority=6.0 + _skill_weight(skill.name),
                    summary=f"{skill.name} is listed as a skill but no role or project "
                    "shows it used",
                    skill=skill.name,
                )
            )
        elif evidenced < 10:
            evidenced += 1
            out.append(
                make_fact(
                    FactKind.skill_evidenced,
                    text,
                    hit[1],
                    priority=4.0 - evidenced * 0.05,
                    summary=f"{skill.name} used in practice"
                    + (f" at {hit[2].organisation}" if hit[2] and hit[2].organisation else ""),
                    role=hit[2],
                    skill=skill.name,
                )
            )
    return out
