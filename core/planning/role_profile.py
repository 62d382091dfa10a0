"""Role profiles: what a structured second round measures for one role.

A profile is a small YAML file a hiring team writes once per role (or derives from a
job description with ``secondround role init``): a title, competencies grouped in three
or four categories of at most six, must-have and nice-to-have skills, and optionally a
jurisdiction. With a profile, every candidate for the role gets the same core questions
with the same rating scale (see ``structured.py``), plus follow-ups tailored to them.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from ..analysis.job_description import parse_job
from ..analysis.skills_lexicon import skill_lexicon
from ..errors import InvalidRequest
from ..models import JobDescription

MAX_CATEGORIES = 4
MAX_PER_CATEGORY = 6


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48] or "competency"


class Competency(BaseModel):
    name: str = Field(min_length=2, max_length=80)
    description: str = ""
    # Words that tie resume evidence and tailored questions to this competency.
    keywords: list[str] = Field(default_factory=list)
    # "behavioural" asks about a past situation; "situational" about a hypothetical one.
    style: str = "behavioural"

    @property
    def id(self) -> str:
        return slug(self.name)

    @field_validator("style")
    @classmethod
    def _style(cls, value: str) -> str:
        if value not in {"behavioural", "situational"}:
            raise ValueError("style must be 'behavioural' or 'situational'")
        return value


class CompetencyCategory(BaseModel):
    name: str = Field(min_length=2, max_length=60)
    competencies: list[Competency] = Field(min_length=1)

    @field_validator("competencies")
    @classmethod
    def _at_most_six(cls, value: list[Competency]) -> list[Competency]:
        if len(value) > MAX_PER_CATEGORY:
            raise ValueError(
                f"a category holds at most {MAX_PER_CATEGORY} competencies (it has {len(value)})"
            )
        return value


class RoleProfile(BaseModel):
    title: str = Field(min_length=2, max_length=120)
    categories: list[CompetencyCategory] = Field(min_length=1)
    must_have: list[str] = Field(default_factory=list)
    nice_to_have: list[str] = Field(default_factory=list)
    jurisdiction: str | None = None

    @field_validator("categories")
    @classmethod
    def _at_most_four(cls, value: list[CompetencyCategory]) -> list[CompetencyCategory]:
        if len(value) > MAX_CATEGORIES:
            raise ValueError(
                f"a profile has at most {MAX_CATEGORIES} categories (it has {len(value)})"
            )
        return value

    @model_validator(mode="after")
    def _unique_competencies(self) -> RoleProfile:
        ids = [c.id for _, c in self.competencies()]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"competency names must be distinct: {', '.join(duplicates)}")
        return self

    def competencies(self) -> list[tuple[CompetencyCategory, Competency]]:
        return [(cat, comp) for cat in self.categories for comp in cat.competencies]

    def as_job_text(self) -> str:
        """The profile's requirements as a short job description (the text that evidence
        about must-have and nice-to-have skills quotes, when no job description is given)."""
        lines = [f"# {self.title}", ""]
        if self.must_have:
            lines += ["## Requirements", *(f"- {s}" for s in self.must_have), ""]
        if self.nice_to_have:
            lines += ["## Nice to have", *(f"- {s}" for s in self.nice_to_have), ""]
        return "\n".join(lines)

    def to_yaml(self) -> str:
        data = self.model_dump(exclude_defaults=True)
        header = (
            "# secondround role profile: the competencies a structured second round measures.\n"
            "# Every candidate for this role gets the same core questions and rating scale.\n"
            "# 3-4 categories of at most 6 competencies; style: behavioural | situational.\n"
        )
        return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)

    @classmethod
    def from_yaml(cls, text: str, name: str = "role profile") -> RoleProfile:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise InvalidRequest(
                f"The {name} is not valid YAML{where}; fix it (see docs/structured.md)."
            ) from None
        if not isinstance(data, dict):
            raise InvalidRequest(
                f"The {name} must be a YAML mapping with title and categories; see "
                "docs/structured.md or create one with `secondround role init --job JD`."
            )
        return cls.parse_data(data, name)

    @classmethod
    def parse_data(cls, data: object, name: str = "role profile") -> RoleProfile:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'profile'}: {e['msg']}"
                for e in exc.errors()
            )
            raise InvalidRequest(
                f"The {name} is invalid ({problems}); correct it and retry."
            ) from None

    @classmethod
    def load(cls, path: Path) -> RoleProfile:
        if not path.is_file():
            raise InvalidRequest(f"The role profile '{path}' does not exist; check the path.")
        return cls.from_yaml(path.read_text(encoding="utf-8"), f"role profile '{path.name}'")


# --------------------------------------------------------------------------- deriving

# Default competencies a second round measures, by category, when a job description
# says little. Names match the core-question library in structured.py.
_DELIVERY = [
    Competency(name="Problem solving", keywords=["problem", "debug", "root cause", "fix"]),
    Competency(
        name="Ownership and delivery",
        keywords=["deliver", "deadline", "owned", "launched", "shipped", "reliab"],
    ),
]
_COLLABORATION = [
    Competency(
        name="Communication",
        keywords=["present", "explain", "stakeholder", "report", "document", "write"],
    ),
    Competency(
        name="Collaboration", keywords=["team", "cross-functional", "partner", "worked with"]
    ),
]
_LEADERSHIP = Competency(
    name="Leading and developing others",
    keywords=["led", "lead", "mentor", "coach", "manage", "hired", "trained"],
)
_GROWTH = [
    Competency(
        name="Learning and adaptability",
        style="situational",
        keywords=["learn", "new", "change", "adapt", "transition"],
    ),
    Competency(
        name="Motivation for the role", style="situational", keywords=["why", "motivat", "goal"]
    ),
]
# "7+ years of", "Production experience with": how much, not what; the competency is
# what follows.
_EXPERIENCE_PREFIX = re.compile(
    r"^(?:\d+\+?\s*(?:years?|yrs)\s+(?:of\s+)?)?(?:(?:hands-on|production|proven|strong|"
    r"solid|professional|demonstrated|deep)\s+)*(?:(?:experience|expertise|knowledge|"
    r"proficiency|background)\s+(?:with|in|of|using)\s+)?",
    re.IGNORECASE,
)
_LEADS = re.compile(r"\b(?:lead|leading|mentor|manage|managing|coach|supervis)\w*\b", re.I)


def derive_profile(job_text: str) -> RoleProfile:
    """A starting profile from a job description: role skills from its requirements,
    plus the delivery, collaboration and growth competencies every second round needs.
    Meant to be reviewed and edited by the hiring team, then reused for every candidate."""
    job: JobDescription = parse_job(job_text)
    lexicon = skill_lexicon()
    must = [s for r in job.requirements if r.must_have for s in r.skills]
    nice = [s for r in job.requirements if not r.must_have for s in r.skills if s not in must]
    skills_competencies: list[Competency] = []
    for req in job.requirements:
        if not req.must_have or len(skills_competencies) >= 4:
            continue
        named = req.skills or lexicon.names_in(req.text)
        text = _EXPERIENCE_PREFIX.sub("", re.sub(r"^\W+|[.;:]+$", "", req.text).strip())
        if not named or len(text) < 6:
            continue
        name = text if len(text) <= 70 else ", ".join(named[:3])
        name = name[0].upper() + name[1:]
        if any(c.name.lower() == name.lower() for c in skills_competencies):
            continue
        skills_competencies.append(
            Competency(name=name, description=req.text, keywords=list(dict.fromkeys(named)))
        )
    if not skills_competencies:
        skills_competencies = [
            Competency(
                name="Core skills for the role",
                keywords=list(dict.fromkeys(must))[:8] or ["skill", "tool"],
            )
        ]
    collaboration = list(_COLLABORATION)
    if _LEADS.search(job_text):
        collaboration.append(_LEADERSHIP)
    title = (job.title or "Role").strip("# ")[:120]
    return RoleProfile(
        title=title,
        categories=[
            CompetencyCategory(name="Skills for the role", competencies=skills_competencies),
            CompetencyCategory(name="Delivery and judgement", competencies=list(_DELIVERY)),
            CompetencyCategory(name="Working with others", competencies=collaboration),
            CompetencyCategory(name="Motivation and growth", competencies=list(_GROWTH)),
        ],
        must_have=list(dict.fromkeys(must))[:10],
        nice_to_have=list(dict.fromkeys(nice))[:10],
    )
