"""Question-quality metrics for one kit, scored against a case's answer key.

Every metric reads only what a reader of the kit sees (question text, evidence quotes,
follow-ups, purposes, panelist roles) plus the case's inputs and answer key. Nothing
here looks inside the engine, so the same functions score the offline composer, an LLM
generator and a generic question bank alike. See docs/eval.md for the definitions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from secondround.core.models import InterviewKit, Plan, Question, Source

from .naturalness import measure

DUPLICATE_THRESHOLD = 0.5
# Three distinct panelist roles is what makes a panel a panel (issue 5).
PANEL_MIN_ROLES = 3

_WORD = re.compile(r"[a-z0-9][a-z0-9+#'-]*")
_STOP = frozenset(
    """the a an and or of to in on for with at by from as is are was were be you your what
    how why which who when where that this it did do does have has had about me""".split()
)
# Longer list for "content words" in the specificity rule.
_CONTENT_STOP = _STOP | frozenset(
    """than then there their they them these those would could should will can may might
    been being into onto over under after before during while also just more most much
    many some such each other only very your yours yourself our ours we us his her she
    him he its not no yes any all both either neither every tell walk describe give
    example time times think thing things like make made take took want need work worked
    working role roles job jobs company first last next""".split()
)


def norm(text: str) -> str:
    """Lower case, whitespace collapsed: how anchors and quotes are compared."""
    return " ".join(text.lower().split())


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of content words; the near-duplicate measure."""
    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


# --------------------------------------------------------------------------- specificity
#
# A question is *specific* when its text (what the interviewer says aloud: not the
# evidence, not the follow-ups) names a concrete detail of this candidate:
#   1. an anchor of the case's answer key (any fact), or
#   2. a number from the resume or notes (two or more digits, or with % or a currency
#      sign: "40 minutes", "2019", "$400k", "18%"), or
#   3. a phrase of the candidate's own: five or more consecutive words, two of them
#      content words, found verbatim (ignoring case and punctuation) in the resume or
#      notes ("You say you automated weekly reporting that saved owners ..."), or
#   4. a name from the resume or notes (organisation, product, project, tool, place),
#      written the same way there, *in context*:
#      - a multi-word name found verbatim in the resume or notes ("Tallyfold Payments",
#        "Ridgeback Engineering"), or an organisation after "at" ("at Stripe"), or
#      - a single name with a number or duration in the same question ("for 7 months"),
#        or with a content word from a resume line that holds the name ("your inventory
#        jobs in Python" when the resume says "inventory synchronisation jobs in Python").
# "Tell me about your experience with Python" is therefore not specific, even when the
# resume lists Python: a tool alone is a generic topic. The job description is not the
# candidate, so only anchors (which the key may take from it) count from there.
#
# A name is a word with a capital letter that is not the first word of a sentence (or a
# "marked" word anywhere: an inner capital, letters with digits, + or #: SQL, GA4,
# HubSpot, C#), not in GENERIC_WORDS (titles, section names, months...), that the resume
# or notes use as a name: marked, or capitalised somewhere other than at the start of a
# line or sentence (so a bullet's opening verb, "Led", is not a name).

GENERIC_WORDS = frozenset(
    """i i'm i've i'd i'll cv resume star ok
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
    july august september october november december monday tuesday wednesday thursday
    friday saturday sunday spring summer autumn fall winter present current today now
    experience education skills summary profile projects project certifications
    certification employment work history references languages interests objective
    achievements awards publications volunteering volunteer
    senior junior lead principal staff chief head director directors manager managers
    managing vice president vp officer executive associate assistant intern internship
    trainee apprentice engineer engineers engineering developer developers analyst
    analysts specialist coordinator consultant administrator architect designer scientist
    researcher technician supervisor representative partner generalist nurse teacher
    paralegal controller accountant chef agent advisor adviser owner founder co-founder
    contractor freelance freelancer member members software data product products program
    programme marketing sales operations customer customers support service services
    business account accounts human resources team teams group department university
    college school institute bachelor master masters bachelors degree certificate
    certified diploma graduate undergraduate student students
    panel interview interviewer candidate round question questions line peer""".split()
)
_TOKEN = re.compile(r"[$£€]?[A-Za-z0-9](?:[A-Za-z0-9+#&%'’./-]*[A-Za-z0-9+#%])?")
_NUMBER = re.compile(r"^[$£€]?\d[\d,.]*(?:%|k|m|bn|x)?$", re.IGNORECASE)
_DURATION = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(months?|years?|weeks?)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?:^|[.?!:;]|[\"“‘(\[])\s*$")


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int
    initial: bool  # first word of a line or sentence


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for line_start, line in _lines_with_offsets(text):
        for m in _TOKEN.finditer(line):
            word = re.sub(r"['’]s$", "", m.group())
            before = line[: m.start()]
            initial = bool(_SENTENCE_END.search(before)) or not before.strip()
            out.append(
                _Tok(word, line_start + m.start(), line_start + m.start() + len(word), initial)
            )
    return out


def _lines_with_offsets(text: str) -> Iterable[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _starts_clause(text: str, tok: _Tok, rest: Sequence[_Tok]) -> bool:
    """A capitalised first word followed, on its line, by a lower-case word: a sentence
    or a bullet ("Led the migration"), so the word is no name."""
    if not rest:
        return False
    nxt = rest[0]
    between = text[tok.end : nxt.start]
    return "\n" not in between and between.strip() == "" and nxt.text[:1].islower()


def _is_number(word: str) -> bool:
    if not _NUMBER.match(word):
        return False
    digits = sum(c.isdigit() for c in word)
    return digits >= 2 or word[0] in "$£€" or word.endswith("%")


def _number_key(word: str) -> str:
    return word.lower().rstrip(".,").replace(",", "")


def _marked(word: str) -> bool:
    inner_capital = any(c.isupper() for c in word[1:])
    letters_digits = any(c.isalpha() for c in word) and any(c.isdigit() for c in word)
    return inner_capital or letters_digits or "+" in word or "#" in word


def _has_capital(word: str) -> bool:
    return any(c.isupper() for c in word)


_PLAIN_WORD = re.compile(r"[a-z0-9][a-z0-9'+#]*")
PHRASE_WORDS = 5


def _plain(text: str) -> str:
    """Lower-case words joined by single spaces: punctuation and line breaks ignored."""
    return " ".join(_PLAIN_WORD.findall(text.lower().replace("’", "'")))


@dataclass
class InputVocabulary:
    """What the specificity rule needs to know about a candidate's own inputs."""

    names: set[str]  # words the inputs use as names (case-sensitive)
    numbers: set[str]
    lines: list[str]
    text: str
    plain: str
    anchors: list[str]

    @classmethod
    def build(cls, texts: Iterable[str], anchors: Iterable[str] = ()) -> InputVocabulary:
        """``texts``: the resume and notes; ``anchors``: every anchor of the answer key."""
        names: set[str] = set()
        numbers: set[str] = set()
        lines: list[str] = []
        joined: list[str] = []
        for text in texts:
            joined.append(text)
            lines.extend(line for line in text.split("\n") if line.strip())
            tokens = _tokens(text)
            for i, tok in enumerate(tokens):
                if _is_number(tok.text):
                    numbers.add(_number_key(tok.text))
                elif _marked(tok.text) or (_has_capital(tok.text) and not tok.initial):
                    names.add(tok.text)
                elif _has_capital(tok.text) and not _starts_clause(text, tok, tokens[i + 1 :]):
                    # "Stripe • San Francisco" or "ABC Company" on a line of its own.
                    names.add(tok.text)
        text = "\n".join(joined)
        return cls(
            names=names,
            numbers=numbers,
            lines=lines,
            text=text,
            plain=f" {_plain(text)} ",
            anchors=[norm(a) for a in anchors if a.strip()],
        )

    def line_words(self, name: str) -> set[str]:
        pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
        found: set[str] = set()
        for line in self.lines:
            if pattern.search(line):
                found |= _content_words(line)
        found.discard(name.lower())
        return found


def _content_words(text: str) -> set[str]:
    return {
        w
        for w in _WORD.findall(text.lower())
        if len(w) >= 4 and w not in _CONTENT_STOP and w not in GENERIC_WORDS
    }


def _own_phrase(question_text: str, vocab: InputVocabulary) -> str | None:
    ws = _plain(question_text).split()
    for i in range(len(ws) - PHRASE_WORDS + 1):
        window = ws[i : i + PHRASE_WORDS]
        if len(_content_words(" ".join(window))) < 2:
            continue
        if f" {' '.join(window)} " in vocab.plain:
            return " ".join(window)
    return None


def specific_details(question_text: str, vocab: InputVocabulary) -> list[str]:
    """The concrete details of the candidate that ``question_text`` names (empty: generic)."""
    found: list[str] = []
    lowered = norm(question_text)
    found += [f"anchor:{a}" for a in vocab.anchors if a in lowered]
    tokens = _tokens(question_text)
    numbers = [t.text for t in tokens if _is_number(t.text)]
    found += [f"number:{n}" for n in numbers if _number_key(n) in vocab.numbers]
    phrase = _own_phrase(question_text, vocab)
    if phrase:
        found.append(f"phrase:{phrase}")
    has_quantity = any(f.startswith("number:") for f in found) or bool(
        _DURATION.search(question_text)
    )
    capitalised = [
        t
        for t in tokens
        if not _is_number(t.text)
        and (_marked(t.text) or (_has_capital(t.text) and not t.initial))
        and t.text in vocab.names
    ]
    # Adjacent capitalised words form one name ("Ridgeback Engineering"); a run needs at
    # least one word that is not generic ("Senior Software Engineer" is no name).
    runs: list[list[_Tok]] = []
    for tok in capitalised:
        if runs and question_text[runs[-1][-1].end : tok.start] == " ":
            runs[-1].append(tok)
        else:
            runs.append([tok])
    question_words = _content_words(question_text)
    for run in runs:
        named = [t for t in run if t.text.lower() not in GENERIC_WORDS]
        if not named:
            continue
        phrase = question_text[run[0].start : run[-1].end]
        if len(run) >= 2 and phrase in vocab.text:
            found.append(f"name:{phrase}")
            continue
        if question_text[: run[0].start].endswith("at "):
            found.append(f"name:{phrase}")
            continue
        for tok in named:
            context = vocab.line_words(tok.text) & (question_words - {tok.text.lower()})
            if has_quantity or context:
                found.append(f"name:{tok.text}")
    return found


# --------------------------------------------------------------------------- text defects

_DEFECTS = (
    ("space before punctuation", re.compile(r"\w\s+[,.;:](?:\s|$)")),
    ("repeated words", re.compile(r"\b(\w+(?:\s+\w+){2,})\s+\1\b", re.IGNORECASE)),
)
_DOUBLED = re.compile(r"(\w+)[.,;:]\s*[.,;:]")
_ABBREVIATIONS = frozenset("inc co ltd corp llc jr sr st etc vs no dept e.g i.e g e".split())


def text_defects(text: str) -> list[str]:
    """Signs a question was assembled badly: what a reader would trip over."""
    found = [name for name, pattern in _DEFECTS if pattern.search(text)]
    if any(m.group(1).lower() not in _ABBREVIATIONS for m in _DOUBLED.finditer(text)):
        found.append("doubled punctuation")
    if text.count('"') % 2:
        found.append("unbalanced quotes")
    return found


# --------------------------------------------------------------------------- one kit


@dataclass
class KitScore:
    generator: str
    case: str
    round: str
    split: str = "dev"
    questions: int = 0
    facts: int = 0
    addressed: int = 0
    missed: list[str] = field(default_factory=list)
    addressed_by_kind: dict[str, list[int]] = field(default_factory=dict)
    # None: grounding does not apply (a question bank cites nothing).
    quotes: int | None = None
    grounded_quotes: int | None = None
    ungrounded: list[str] = field(default_factory=list)
    evidenced_questions: int | None = None
    grounded_questions: int | None = None
    unevidenced_questions: int | None = None
    specific: int = 0
    guided: int = 0  # questions citing at least one guidance passage
    generic_examples: list[str] = field(default_factory=list)
    trap_violations: list[str] = field(default_factory=list)
    near_duplicates: int = 0
    duplicate_pairs: list[str] = field(default_factory=list)
    duplicate_texts: list[str] = field(default_factory=list)
    defective: int = 0  # questions whose text reads as badly assembled
    defect_examples: list[str] = field(default_factory=list)
    planned_purposes: list[str] = field(default_factory=list)
    covered_purposes: list[str] = field(default_factory=list)
    adherence: bool | None = None
    adherence_rule: str = ""
    timings_ms: dict[str, float] = field(default_factory=dict)
    cache: str = ""  # "warm" | "cold" | "" (no retrieval)
    generated_by: str = ""  # the generator the kit's meta names (an LLM may fall back)
    dropped: int = 0  # drafts the guardrails rejected
    filled: int = 0  # questions the composer filled in
    # Naturalness (naturalness.py): summed words, questions repeating a place already
    # named, questions naming more than two skills, trigrams recurring across the kit.
    question_words: int = 0
    repeats_place: int = 0
    many_skills: int = 0
    repeated_trigrams: int = 0
    trigram_examples: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def coverage(self) -> float:
        return self.addressed / self.facts if self.facts else 1.0

    @property
    def specificity(self) -> float:
        return self.specific / self.questions if self.questions else 0.0

    @property
    def purpose_coverage(self) -> float:
        planned = len(self.planned_purposes)
        return len(self.covered_purposes) / planned if planned else 1.0


def _blob(q: Question) -> str:
    return " ".join([q.text, *q.follow_ups, *(e.quote for e in q.evidence)])


def fact_coverage(
    key: Mapping[str, Any], questions: Sequence[Question]
) -> tuple[int, list[str], dict[str, list[int]]]:
    """Facts addressed: a question's text or evidence quotes contain one of its anchors."""
    seen = [norm(" ".join([q.text, *(e.quote for e in q.evidence)])) for q in questions]
    addressed = 0
    missed: list[str] = []
    by_kind: dict[str, list[int]] = {}
    for fact in key.get("facts", []):
        anchors = [norm(a) for a in fact["anchors"]]
        hit = any(a in text for a in anchors for text in seen)
        addressed += hit
        counts = by_kind.setdefault(fact["kind"], [0, 0])
        counts[0] += hit
        counts[1] += 1
        if not hit:
            missed.append(fact["id"])
    return addressed, missed, by_kind


def trap_violations(key: Mapping[str, Any], questions: Sequence[Question]) -> list[str]:
    """A trap is sprung when a question's text, follow-ups or evidence hold one of its terms."""
    found: list[str] = []
    for trap in key.get("traps") or []:
        for term in trap.get("terms", []):
            pattern = re.compile(rf"(?<!\w){re.escape(term.lower())}(?!\w)")
            for q in questions:
                if pattern.search(_blob(q).lower()):
                    found.append(f"{q.id} mentions {term!r} ({trap.get('topic', trap['kind'])})")
    return found


def duplicate_pairs(questions: Sequence[Question]) -> list[str]:
    return [
        f"{a.id}~{b.id}"
        for i, a in enumerate(questions)
        for b in questions[i + 1 :]
        if similarity(a.text, b.text) >= DUPLICATE_THRESHOLD
    ]


def round_adherence(round_name: str, questions: Sequence[Question]) -> tuple[bool | None, str]:
    """What makes each special round what it is; None for rounds without such a rule."""
    if round_name == "group":
        return any(q.purpose.value == "group_exercise" for q in questions), "a group exercise"
    if round_name == "panel":
        roles = {q.asked_by for q in questions if q.asked_by}
        return len(roles) >= PANEL_MIN_ROLES, f"questions from >= {PANEL_MIN_ROLES} panelists"
    if round_name == "technical":
        return any(q.purpose.value == "evaluate_skill" for q in questions), "a practical task"
    return None, ""


def score_kit(
    *,
    generator: str,
    case_id: str,
    key: Mapping[str, Any],
    kit: InterviewKit,
    sources: Mapping[Source, str],
    plan: Plan | None = None,
    grounding_applies: bool = True,
    places: Sequence[str] = (),
    skills: Sequence[str] = (),
) -> KitScore:
    """Score one kit. ``sources`` are the texts quotes must come from (resume, job, notes)."""
    questions = kit.questions
    score = KitScore(generator=generator, case=case_id, round=kit.round, questions=len(questions))
    score.facts = len(key.get("facts", []))
    score.addressed, score.missed, score.addressed_by_kind = fact_coverage(key, questions)

    if grounding_applies:
        quotes = grounded = evidenced = grounded_qs = unevidenced = 0
        for q in questions:
            ok = True
            for e in q.evidence:
                quotes += 1
                if e.quote and e.quote in sources.get(e.source, ""):
                    grounded += 1
                else:
                    ok = False
                    score.ungrounded.append(f"{q.id}: {e.quote[:60]!r}")
            if q.evidence:
                evidenced += 1
                grounded_qs += ok
            elif not q.general:
                unevidenced += 1
        score.quotes, score.grounded_quotes = quotes, grounded
        score.evidenced_questions, score.grounded_questions = evidenced, grounded_qs
        score.unevidenced_questions = unevidenced

    anchors = [a for fact in key.get("facts", []) for a in fact["anchors"]]
    own = [sources.get(Source.resume, ""), sources.get(Source.notes, "")]
    vocab = InputVocabulary.build([t for t in own if t], anchors)
    for q in questions:
        if specific_details(q.text, vocab):
            score.specific += 1
        elif len(score.generic_examples) < 3:
            score.generic_examples.append(q.text)

    score.guided = sum(1 for q in questions if q.guidance)
    score.trap_violations = trap_violations(key, questions)
    score.duplicate_pairs = duplicate_pairs(questions)
    score.near_duplicates = len(score.duplicate_pairs)
    by_id = {q.id: q.text for q in questions}
    for pair in score.duplicate_pairs:
        a, b = pair.split("~")
        score.duplicate_texts.append(f"{by_id[a][:80]} / {by_id[b][:80]}")
    for q in questions:
        defects = text_defects(q.text)
        if defects:
            score.defective += 1
            score.defect_examples.append(f"{q.id} ({', '.join(defects)}): {q.text[:140]}")
    if plan is not None:
        planned = sorted({s.purpose.value for s in plan.slots if s.count > 0})
        asked = {q.purpose.value for q in questions}
        score.planned_purposes = planned
        score.covered_purposes = [p for p in planned if p in asked]
    score.adherence, score.adherence_rule = round_adherence(kit.round, questions)
    natural = measure(questions, places, skills, "\n".join(own))
    score.question_words, score.repeats_place = natural.question_words, natural.repeats_place
    score.many_skills, score.repeated_trigrams = natural.many_skills, natural.repeated_trigrams
    score.trigram_examples = list(natural.trigram_examples)
    score.timings_ms = dict(kit.meta.timings_ms)
    score.generated_by = kit.meta.generator
    score.dropped, score.filled = kit.meta.dropped, kit.meta.filled
    return score


# --------------------------------------------------------------------------- totals


@dataclass
class Totals:
    generator: str
    kits: int
    errors: int
    coverage: float
    facts: int
    addressed: int
    grounding: float | None
    grounded_question_share: float | None
    unevidenced_questions: int | None
    specificity: float
    guidance_cited: float
    protected_violations: int
    near_duplicate_pairs: int
    defective_questions: int
    purpose_coverage: float
    adherence_met: int
    adherence_kits: int
    by_kind: dict[str, list[int]]
    words_per_question: float = 0.0
    repeats_place_share: float = 0.0
    many_skills_share: float = 0.0
    repeated_trigrams_per_kit: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _share(num: int, den: int) -> float:
    return num / den if den else 1.0


def totals(generator: str, scores: Sequence[KitScore]) -> Totals:
    ok = [s for s in scores if s.error is None]
    facts = sum(s.facts for s in scores)
    addressed = sum(s.addressed for s in ok)
    grounding_known = [s for s in ok if s.quotes is not None]
    quotes = sum(s.quotes or 0 for s in grounding_known)
    grounded = sum(s.grounded_quotes or 0 for s in grounding_known)
    evidenced = sum(s.evidenced_questions or 0 for s in grounding_known)
    grounded_qs = sum(s.grounded_questions or 0 for s in grounding_known)
    by_kind: dict[str, list[int]] = {}
    for s in ok:
        for kind, (hit, total) in s.addressed_by_kind.items():
            counts = by_kind.setdefault(kind, [0, 0])
            counts[0] += hit
            counts[1] += total
    planned = sum(len(s.planned_purposes) for s in ok)
    covered = sum(len(s.covered_purposes) for s in ok)
    judged = [s for s in ok if s.adherence is not None]
    asked = sum(s.questions for s in ok)
    return Totals(
        generator=generator,
        kits=len(scores),
        errors=len(scores) - len(ok),
        coverage=_share(addressed, facts),
        facts=facts,
        addressed=addressed,
        grounding=_share(grounded, quotes) if grounding_known else None,
        grounded_question_share=_share(grounded_qs, evidenced) if grounding_known else None,
        unevidenced_questions=(
            sum(s.unevidenced_questions or 0 for s in grounding_known) if grounding_known else None
        ),
        specificity=_share(sum(s.specific for s in ok), sum(s.questions for s in ok)),
        guidance_cited=_share(sum(s.guided for s in ok), sum(s.questions for s in ok)),
        protected_violations=sum(len(s.trap_violations) for s in ok),
        near_duplicate_pairs=sum(s.near_duplicates for s in ok),
        defective_questions=sum(s.defective for s in ok),
        purpose_coverage=_share(covered, planned),
        adherence_met=sum(1 for s in judged if s.adherence),
        adherence_kits=len(judged),
        by_kind=dict(sorted(by_kind.items())),
        words_per_question=sum(s.question_words for s in ok) / asked if asked else 0.0,
        repeats_place_share=_share(sum(s.repeats_place for s in ok), asked) if asked else 0.0,
        many_skills_share=_share(sum(s.many_skills for s in ok), asked) if asked else 0.0,
        repeated_trigrams_per_kit=(sum(s.repeated_trigrams for s in ok) / len(ok) if ok else 0.0),
    )
