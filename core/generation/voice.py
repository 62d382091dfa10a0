"""What a kit has said already, so each question sounds like the next thing a person
would ask rather than the same template again (issue 12).

One :class:`KitVoice` per kit, shared by every question the composer phrases for it:

* an employer is named the first time a question is about it, then left out ("You were
  Shift Lead for 8 months", not "... at Brightline Logistics, Dayton" every time);
* opening forms rotate ("You say you ...", "Your resume says ...", "You list ...");
* a follow-up, strong-answer rubric or reason to ask is used once per kit; a kind of
  fact's own wordings (core/data/question_patterns.yaml ``fact_specifics``) rotate, so
  two numbers get different follow-ups rather than one with the figure swapped;
* a question form close to an earlier question is passed over for another.
"""

from __future__ import annotations

import string
from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..models import Fact, Question, Role
from .similarity import NEAR_DUPLICATE, similarity
from .wording import _Values, lead_for, opens_on_verb, org_name, tidy

# A form this close to an earlier question is passed over: below the guardrails'
# near-duplicate line, so the composer's own wording is never what they drop.
AVOID_SIMILAR = NEAR_DUPLICATE - 0.1


class KitVoice:
    def __init__(self, avoid: Sequence[str] = ()) -> None:
        # Questions already in the kit (when filling a shortfall) count as said.
        self.asked: list[str] = list(avoid)
        self.named_orgs: set[str] = set()
        self.said: set[str] = set()
        self.lead_uses: dict[bool, int] = defaultdict(int)
        self.template_uses: dict[str, int] = defaultdict(int)
        self.template_of: dict[str, str] = {}

    # ------------------------------------------------------------------ employers, leads

    def first_mention(self, fact: Fact) -> bool:
        return bool(fact.organisation) and org_name(fact.organisation or "").lower() not in (
            self.named_orgs
        )

    def lead(self, fact: Fact) -> str:
        """The question's opening on the candidate's words; each form (verb-led or quoted)
        rotates on its own count, so two quoted lines in a row never open the same way."""
        form = opens_on_verb(fact)
        lead = lead_for(fact, name_org=self.first_mention(fact), variant=self.lead_uses[form])
        self.lead_uses[form] += 1
        return lead

    def heard(self, text: str, fact: Fact | None, roles: Iterable[Role]) -> None:
        """Record a question: its text, and every employer it names or is about."""
        self.asked.append(text)
        if fact is not None and fact.organisation:
            self.named_orgs.add(org_name(fact.organisation).lower())
        low = text.lower()
        for role in roles:
            if role.organisation and org_name(role.organisation).lower() in low:
                self.named_orgs.add(org_name(role.organisation).lower())

    def recall(self, questions: Sequence[Question], roles: Sequence[Role]) -> None:
        """Take in questions another pass already put in the kit (a shortfall fill)."""
        for q in questions:
            self.heard(q.text, None, roles)
            self.said.update(t.lower() for t in [*q.follow_ups, q.strong_answer, q.rationale])

    def repeats(self, text: str) -> bool:
        return any(similarity(text, other) >= AVOID_SIMILAR for other in self.asked)

    # ------------------------------------------------------------------ wordings

    def filled(self, templates: Sequence[str], values: _Values) -> list[str]:
        """Kind-specific wordings whose placeholders this fact can fill, the ones this kit
        has used least first; one that would fall back to neutral words ("that skill")
        is left out rather than said vaguely."""
        usable = []
        for order, template in enumerate(templates):
            names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            if names <= values.keys():
                usable.append((self.template_uses[template], order, template))
        out = []
        for _, _, template in sorted(usable):
            text = tidy(template.format_map(values))
            self.template_of[text.lower()] = template
            out.append(text)
        return out

    def fresh(self, candidates: Sequence[str], limit: int) -> list[str]:
        """Up to ``limit`` wordings the kit has not used yet, recorded as used."""
        chosen: list[str] = []
        for text in candidates:
            key = text.lower()
            if key in self.said or key in (c.lower() for c in chosen):
                continue
            chosen.append(text)
            if len(chosen) == limit:
                break
        for c in chosen:
            self.said.add(c.lower())
            if c.lower() in self.template_of:
                self.template_uses[self.template_of[c.lower()]] += 1
        return chosen

    def fresh_one(self, preferred: str, alternatives: Sequence[str]) -> str:
        """The pattern's wording unless the kit has it already, then the first unused
        alternative; the pattern's wording when nothing else is left."""
        picked = self.fresh([preferred, *alternatives], 1)
        return picked[0] if picked else preferred
