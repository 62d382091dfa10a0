"""Which listed skills a role or project line shows in use, and which nobody can see.

A skill only on the skills list is worth a question ("where did you use it?"); one a
bullet already shows is evidence a question can build on. Kept apart from the other
fact rules because how evidence is matched is the part most likely to change.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from ..models import Fact, FactKind, JobDescription, Resume, Role, Span
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


# Other names a skill goes by, and what doing a competence looks like in a bullet,
# kept as reviewable data (core/data/skill_aliases.yaml).
@lru_cache(maxsize=1)
def _aliases() -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load(
        (resources.files("secondround.core.data") / "skill_aliases.yaml").read_text("utf-8")
    )
    table: dict[str, set[str]] = {}
    for group in raw["same"]:
        names = [str(n).lower() for n in group]
        for name in names:
            table.setdefault(name, set()).update(n for n in names if n != name)
    for skill, shown_by in raw["shown_by"].items():
        table.setdefault(str(skill).lower(), set()).update(str(p).lower() for p in shown_by)
    return {k: tuple(sorted(v)) for k, v in table.items()}


# A competence ("pipeline forecasting", "people management") can be shown in other words,
# so it is also matched by meaning; a named tool (Terraform, ECMO, SAP) is shown only by
# naming it, since a bullet about similar work does not show that tool. Chosen on the dev
# cases: every competence matching a bullet at 0.50 or more was really shown there
# ("precepting" / "Preceptor for 6 new-graduate nurses", 0.63), while the closest line
# to any skill the dev keys call unevidenced scored 0.41.
SEMANTIC_THRESHOLD = 0.50


def _is_tool(name: str) -> bool:
    from .skills_lexicon import skill_lexicon

    return (
        bool(skill_lexicon().tools_in(name))
        or any(c.isupper() for c in name[1:])
        or any(c.isdigit() for c in name)
        or (name[:1].isupper() and " " not in name.strip())
    )


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w).lower()


_ACRONYM_IN = re.compile(r"\(([A-Za-z&/]{2,8})\)")


def _acronym_names(name: str, text: str) -> set[str]:
    """Names an acronym links: "Medication Therapy Management (MTM)" gives both, a
    multi-word skill gives its initials when the resume writes them in capitals, and a
    capitalised acronym (SMAW) gives the words whose initials spell it."""
    out: set[str] = set()
    bare = _ACRONYM_IN.sub("", name).strip()
    for m in _ACRONYM_IN.finditer(name):
        out.update({m.group(1).lower(), bare.lower()})
    words = re.findall(r"[A-Za-z]+", bare)
    content = [w for w in words if w.lower() not in {"and", "of", "the", "for", "in", "&"}]
    if len(content) >= 2:
        acronym = _initials(content)
        if re.search(rf"(?<![A-Za-z]){re.escape(acronym.upper())}(?![A-Za-z])", text):
            out.add(acronym)
    if re.fullmatch(r"[A-Z]{3,6}", bare):
        n = len(bare)
        tokens = re.findall(r"[A-Za-z][A-Za-z-]*", text)
        for k in range(len(tokens) - n + 1):
            window = tokens[k : k + n]
            if _initials(window) == bare.lower() and sum(len(w) > 3 for w in window) >= n - 1:
                out.add(" ".join(window).lower())
    return out


# A language named by one capital letter ("R", "C") is a skill like any other, but only
# that capital standing alone shows it: "R&D", "C-suite" or "Plan B." do not.
_ONE_LETTER = re.compile(r"[A-Z]")


def _letter_pattern(letter: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w+#.&/'-]){re.escape(letter)}(?![\w+#&/'-])(?!\.\w)")


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


# Inflections a bullet uses for the same word: "threat hunting" is shown by "ran weekly
# threat hunts", "storyboarding" by "wrote storyboards", "rostering" by "the roster".
_INFLECTION = re.compile(r"(?:ing|ed|es|s)$")


def _word_stem(word: str) -> str:
    bare = _INFLECTION.sub("", word)
    return bare if len(bare) >= 4 else word


def _skill_stems(name: str) -> set[str]:
    """Word stems of a multi-word skill ("plant consolidation" -> {"plant", "conso"}), so
    "Led the consolidation of two plants" counts as using it. Empty for one-word skills,
    which are matched by their whole stem (see _one_word_stem)."""
    words = [w for w in re.findall(r"[a-z&]{3,}", name.lower()) if w not in {"and", "the"}]
    return {_word_stem(w)[:5] for w in words} if len(words) >= 2 else set()


def _stems_of(text: str) -> set[str]:
    return {_word_stem(w)[:5] for w in re.findall(r"[a-z&]{3,}", text.lower())}


def _one_word_stem(name: str) -> str | None:
    """The whole stem of a one-word competence ("Storyboarding" -> "storyboard"): a whole
    stem, not a prefix, so "Marketing" is not shown by "marketplace". None for a name
    with capitals, digits or symbols inside (a named tool is shown only by its name)."""
    bare = name.strip()
    if not re.fullmatch(r"[A-Za-z][a-z]{5,}", bare):
        return None
    return _word_stem(bare.lower())


def _whole_stems_of(text: str) -> set[str]:
    return {_word_stem(w) for w in re.findall(r"[a-z]{4,}", text.lower())}


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
    chunk_words = [_whole_stems_of(chunk[0]) for chunk in chunks]
    aliases = _aliases()
    body = "\n".join(c[0] for c in chunks)
    found: list[tuple[str, str, tuple[str, Span, Role | None] | None]] = []
    seen: set[str] = set()
    for skill in resume.skills[:MAX_SKILLS]:
        key = skill.name.lower()
        letter = _ONE_LETTER.fullmatch(skill.name.strip())
        if key in _SOFT or key in _SPOKEN or (len(key) < 2 and not letter) or key in seen:
            continue
        seen.add(key)
        names = {key, *aliases.get(key, ()), *_acronym_names(skill.name, body)}
        for name in list(names):
            names.update(aliases.get(name, ()))
        stems = _skill_stems(key)
        word = _one_word_stem(skill.name)
        hit: tuple[str, Span, Role | None] | None = None
        patterns = [skill_pattern(n) for n in sorted(names)]
        if letter:
            patterns = [_letter_pattern(skill.name.strip())]
        for chunk, chunk_stem, whole in zip(chunks, chunk_stems, chunk_words, strict=True):
            if (
                any(p.search(chunk[0]) for p in patterns)
                or (stems and stems <= chunk_stem)
                or (word is not None and word in whole)
            ):
                hit = chunk
                break
        found.append((key, skill.name, hit))
    by_meaning = _meaning_hits(
        [name for key, name, hit in found if hit is None and not _is_tool(name)], chunks
    )
    evidenced = 0
    by_name = {s.name: s for s in resume.skills}
    for _key, name, hit in found:
        skill = by_name[name]
        hit = hit or by_meaning.get(name)
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
                    # Where it is listed and where it is shown: a question validating
                    # the skill names it and builds on the line that shows it.
                    also=[skill.span],
                    priority=4.0 - evidenced * 0.05,
                    summary=f"{skill.name} used in practice"
                    + (f" at {hit[2].organisation}" if hit[2] and hit[2].organisation else ""),
                    role=hit[2],
                    skill=skill.name,
                )
            )
    return out


def _meaning_hits(
    skills: list[str], chunks: list[tuple[str, Span, Role | None]]
) -> dict[str, tuple[str, Span, Role | None]]:
    """For competences no line names: the line that means the same, if one is close enough."""
    # Bullets and projects only: a job's header line says where, not what was done.
    lines = [
        c for c in chunks if len(c[0].split()) >= 3 and (c[2] is None or c[1] != c[2].header_span)
    ]
    if not skills or not lines:
        return {}
    from ..embeddings import get_embedder

    # One call for both: each model run has a fixed cost (a one-shot command's model
    # unpacks its weights on every run), and one run holds up to a batch of texts.
    vectors = get_embedder().embed([*skills, *(c[0] for c in lines)])
    scores = vectors[: len(skills)] @ vectors[len(skills) :].T
    out: dict[str, tuple[str, Span, Role | None]] = {}
    for i, name in enumerate(skills):
        best = int(scores[i].argmax())
        if float(scores[i][best]) >= SEMANTIC_THRESHOLD:
            out[name] = lines[best]
    return out


# A listed skill whose name means what a job requirement asks for, and that a role line
# shows, is worth validating in depth: the job rests on it. Chosen on dev: the skills the
# dev keys single out sit at 0.45 or more to their closest requirement in most cases
# ("Chronic disease management" / "Experience running chronic disease clinics", 0.68),
# while tools the job never mentions score under 0.35. Such a skill moves up to the level
# of the other facts a second round checks; raising unevidenced skills as well crowded
# out promotions and gaps on the blind split, so only shown skills move.
JOB_RELEVANCE = 0.45
_RELEVANT_EVIDENCED = 5.5
_UNEVIDENCED_TOP = 6.95


def weigh_by_job(facts: list[Fact], job: JobDescription | None) -> list[Fact]:
    """Raise the shown skills the job asks for, by meaning, so the kit digs into those
    rather than leaving every shown skill below the questions."""
    kinds = (FactKind.skill_evidenced, FactKind.skill_unevidenced)
    listed = [i for i, f in enumerate(facts) if f.kind in kinds and f.skill]
    if job is None or not job.requirements or not listed:
        return facts
    from ..embeddings import get_embedder

    embedder = get_embedder()
    skill_vectors = embedder.embed([str(facts[i].skill) for i in listed])
    requirement_vectors = embedder.embed([r.text for r in job.requirements])
    closest = (skill_vectors @ requirement_vectors.T).max(axis=1)
    out = list(facts)
    for i, score in zip(listed, closest, strict=True):
        fact, score = facts[i], float(score)
        if score < JOB_RELEVANCE:
            continue
        if fact.kind is FactKind.skill_unevidenced:
            # Ahead of the other listed skills, never ahead of what outranks them all.
            priority = min(fact.priority + 0.6 + score - JOB_RELEVANCE, _UNEVIDENCED_TOP)
        else:
            priority = max(fact.priority, _RELEVANT_EVIDENCED + score - JOB_RELEVANCE)
        data = {**fact.data, "job_relevant": True}
        out[i] = fact.model_copy(update={"priority": priority, "data": data})
    return out
