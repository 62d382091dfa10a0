"""What an interviewer's note is about, in neutral words addressed to the candidate.

A note is shorthand for colleagues ("Seemed vague on how the migration was tested; could
not say which part was his"). A question must never read it out, but it must name the
concern: "something from our first conversation" tells the candidate nothing. So the
topic is cut out of the note by the shape of the sentence (what follows "check", "vague
on", "could not explain", "reference said" ...), judgement words are dropped, and third
person becomes second ("his own work" -> "your own work").
"""

from __future__ import annotations

import re

# Verbs an interviewer uses to say what to look into next.
_ASK = (
    r"(?:check|probe|verify|validate|confirm|clarify|dig into|dig deeper (?:into|on)|"
    r"ask(?: (?:about|more about))?|follow up on|explore|test|understand|revisit)"
)
# Ordered: the first rule whose topic reads well wins.
_RULES = [
    # "Seemed vague on X", "Weak when X", "Light on X"
    re.compile(
        r"\b(?:vague|unclear|hesitant|weak|light|thin|unsure|shaky|evasive|loose|generic)\s+"
        r"(?:on|about|when|around|in)\s+(?P<t>.+)",
        re.I,
    ),
    # "answers on X were vague", "examples of X were thin"
    re.compile(
        r"\b(?:answers?|examples?|account|story|details?|explanation|description)\s+"
        r"(?:on|about|of|for|around)\s+(?P<t>.+?)\s+(?:was|were|seemed|felt|sounded|looked)\s+"
        r"(?:vague|thin|generic|loose|weak|light|unclear|unconvincing|short)",
        re.I,
    ),
    # "Check depth of X", "follow up on X", "need to verify X" (anywhere in the note)
    re.compile(
        rf"(?:^|[;,(]\s*|\b(?:so|and|but|then|please|worth|should|must|to|we)\s+)"
        rf"(?:need(?:s)? to\s+|want to\s+)?{_ASK}\s+(?:(?:the\s+)?(?:depth|level) of\s+)?"
        r"(?P<t>.+)",
        re.I,
    ),
    # "Unclear what happened at X", "not sure whether X"
    re.compile(
        r"\b(?:unclear|not clear|not sure|unsure|no idea)\s+"
        r"(?P<t>(?:how|what|why|when|whether|which|who|where)\b.+)",
        re.I,
    ),
    # "could not say which part was his", "did not explain X"
    re.compile(
        r"\b(?:could(?:n't| not)|did(?:n't| not)|was unable to|unable to|failed to)\s+"
        r"(?:really\s+|clearly\s+)?(?:say|explain|describe|name|show|give|break down|"
        r"walk (?:us |me )?through|quantify|account for|recall)\s+(?P<t>.+)",
        re.I,
    ),
    # "Reference (former manager) mentioned X", "concern: X", "worry about X"
    re.compile(
        r"\b(?:reference|referee)\b[^:;]*?\b(?:said|mentioned|noted|flagged|raised)\s+"
        r"(?:that\s+)?(?:(?:he|she|they|the candidate)\s+)?(?P<t>.+)",
        re.I,
    ),
    # 'Reference check (former manager): "good closer, but he missed deadlines"': what
    # comes after the "but" is the concern.
    re.compile(
        r"\b(?:reference|referee)s?\b[^:\"“]*:\s*[\"“]?(?:[^\"”]*?\bbut\s+)?(?P<t>[^\"”]+)",
        re.I,
    ),
    re.compile(r"\b(?:concern|worry|question|flag)\s*(?:about|over|on|:)\s*(?P<t>.+)", re.I),
    # "Asked about X: the answers were generic"
    re.compile(
        r"^(?:we\s+)?(?:asked|talked|spoke|discussed|pressed(?: her| him| them)?)\s+"
        r"(?:about|on)\s+(?P<t>.+)",
        re.I,
    ),
]
# A note put as a question ("How much time does the board role take?"): its subject.
_QUESTION_SUBJECT = re.compile(
    r"\b(?P<t>(?:the|his|her|their|this)\s+(?:[\w'-]+\s+){0,4}?[\w'-]+)\s+"
    r"(?:takes?|means?|involves?|works?|fits?|affects?|is|was|were|are|will|would|does|did)\b",
    re.I,
)
# Where a topic ends: punctuation, or a clause that comments on it.
_END = re.compile(
    r"[;:.!?]\s|[;:!?]$|\.$| - | – | — |\s(?:but|even though|although|though|because|since "
    r"the|which is|as it|so we|we did|when asked)\s",
    re.I,
)
# The leading noun phrase of a note, for the fallback: words before its first verb.
_VERB = re.compile(
    r"\s(?:is|was|were|are|will|would|has|had|have|seems?|seemed|sounds?|sounded|looks?|"
    r"looked|felt|came|needs?|could|did|does|may|might|should|must)\b",
    re.I,
)
_JUDGEMENT = re.compile(
    r"\b(?:clearly|really|very|quite|somewhat|a bit|possibly|probably|maybe|"
    r"over-?stated|exaggerated|inflated|weak|vague|generic|loose|shaky)\b\s*",
    re.I,
)
# Third person -> second, for a note read back to the candidate it is about.
_PERSON = [
    (re.compile(r"\b(?:he|she|they) (?:was|were)\b", re.I), "you were"),
    (re.compile(r"\b(?:he|she|they) (?:is|are)\b", re.I), "you are"),
    (re.compile(r"\b(?:he|she|they) (?:has|have)\b", re.I), "you have"),
    (re.compile(r"\b(?:himself|herself|themselves|themself)\b", re.I), "yourself"),
    (re.compile(r"\b(?:his|her|their)(?= (?!or\b|and\b|nor\b)[a-z0-9])", re.I), "your"),
    (re.compile(r"\b(?:hers|his|theirs)\b", re.I), "yours"),
    (re.compile(r"\b(?:he|she|they)\b", re.I), "you"),
    (re.compile(r"\b(?:him|her|them)\b", re.I), "you"),
    (re.compile(r"\bthe candidate\b", re.I), "you"),
]
_DETERMINED = re.compile(
    r"^(?:the|a|an|you|your|our|this|that|these|those|some|any|each|every|how|what|why|when|"
    r"whether|which|who|where|to|in|on|at|for|with|about|[a-z]+ing|[a-z]+ed)\b",
    re.I,
)
_CLAUSE_TOPIC = re.compile(r"^(?:how|what|why|when|whether|which|who|where)\b", re.I)
# A clause that says what the candidate did wrong: pronoun, a past-tense verb, the rest.
_VERDICT = re.compile(
    r"^(?:(?:he|she|they|the candidate)\s+)?(?:often\s+|sometimes\s+|always\s+|rarely\s+)?"
    r"(?!was\b|were\b|is\b|had\b|has\b|did\b)[a-z]+ed\s+(?:with\s+|on\s+)?(?P<rest>.+)",
    re.I,
)
# Words that say a clause of a note is a concern, and words that say it is praise.
_NEGATIVE = re.compile(
    r"\b(?:rushed|weak|vague|loose|thin|missing|unclear|struggled|late|poor|shaky|"
    r"generic|hesitant|inconsistent|overstated|defensive|avoided|dodged)\b",
    re.I,
)
_PRAISE = re.compile(
    r"^\W*(?:keen|strong|good|great|clear|solid|excellent|eager|impressive|confident)\b", re.I
)
# "Budgets: she has never held ..." - a short label, then a colon and the detail.
_LABEL = re.compile(r"^(?P<t>[A-Z][\w'&/-]*(?: [\w'&/-]+){0,4})(?:\*\*)?:(?:\*\*)?\s+\S")
# Labels that say what kind of note it is, not what it is about.
_GENERIC_LABEL = re.compile(
    r"^(?:concerns?|notes?|overall|other|summary|comments?|feedback|follow[- ]ups?|"
    r"reference(?: check)?|references?|next steps?|flags?|red flags?|risks?|verdict|"
    r"recommendation|outcome|decision|interviewer|panel)$",
    re.I,
)
MAX_WORDS, MAX_CLAUSE_WORDS = 14, 16
FALLBACK_TOPIC = "a point from our first conversation"


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _lower_first(text: str) -> str:
    """A label's capital is the sentence's, not a name's ("Leaving Eureka")."""
    return text[0].lower() + text[1:] if re.match(r"^[A-Z][a-z]+\b", text) else text


def _second_person(text: str) -> str:
    for pattern, repl in _PERSON:
        text = pattern.sub(repl, text)
    return text


def _tidy(raw: str) -> str:
    cut = _END.search(raw)
    topic = raw[: cut.start()] if cut else raw
    topic = _JUDGEMENT.sub("", topic).strip(" ,\"'“”‘’()")
    topic = re.sub(r"^(?:the fact that|that|if)\s+", "", topic, flags=re.I)
    # "he missed deadlines in Q3" is a verdict; the question asks about the subject:
    # "how you handled deadlines in Q3".
    verdict = _VERDICT.match(topic)
    if verdict:
        topic = f"how you handled {verdict.group('rest')}"
    topic = _second_person(topic).strip()
    words = topic.split()
    # "the safety record", not "go deeper on safety record".
    if 2 <= len(words) <= 3 and topic[:1].islower() and not _DETERMINED.match(topic):
        topic = f"the {topic}"
    return topic


def _reads_well(topic: str) -> bool:
    words = topic.split()
    if not words:
        return False
    limit = MAX_CLAUSE_WORDS if _CLAUSE_TOPIC.match(topic) else MAX_WORDS
    # "you rarely delegated" is a sentence, not something to go deeper on.
    if words[0].lower() == "you":
        return False
    # "it" or "this" names nothing; "who owned it" leans on words the question lacks.
    if len(words) <= 4 and words[-1].lower() in {"it", "this", "that", "them", "you"}:
        return False
    return len(words) <= limit


def notes_topic(note: str) -> str:
    """What a note is about, said neutrally: "Seemed vague on how X was tested; ..." -> "how
    X was tested"."""
    text = _collapse(note).lstrip("-*•· ")
    sentences = re.split(r"(?<=[.!?])\s+", text)
    for rule in _RULES:
        for sentence in sentences:
            m = rule.search(sentence)
            if m:
                topic = _tidy(m.group("t"))
                if _reads_well(topic):
                    return topic
    if text.rstrip().endswith("?"):
        m = _QUESTION_SUBJECT.search(text)
        if m and _reads_well(_tidy(m.group("t"))):
            return _tidy(m.group("t"))
    # A note written as "Label: what was said" ("Leaving Eureka: said she left after a
    # falling-out ...") names its topic in the label; that beats a phrase cut from the
    # detail, which tends to be a comment on the candidate rather than the subject.
    label = _LABEL.match(text)
    if label and not _GENERIC_LABEL.match(label.group("t")):
        topic = _tidy(_lower_first(label.group("t")))
        if len(topic.split()) == 1 and topic.islower() and not topic.endswith("ing"):
            topic = f"the {topic}"
        if _reads_well(topic):
            return topic
    # Fallback: the note's leading noun phrase ("ESG reporting will matter ..."), from
    # the clause that says something went wrong when there is one ("Discovery was good;
    # closing felt rushed" is about the closing).
    clauses = [c.strip() for c in re.split(r"[;.]\s+", text) if c.strip()]
    flagged = [c for c in clauses if _NEGATIVE.search(c)]
    for sentence in flagged + sentences:
        verb = _VERB.search(sentence)
        if verb:
            head = sentence[: verb.start()]
            # A sentence's capital is not part of the phrase ("Team feedback" -> "team").
            if re.match(r"^[A-Z][a-z]+\b", head):
                head = head[0].lower() + head[1:]
            phrase = _tidy(head)
            if len(phrase.split()) == 1 and phrase.islower():
                phrase = f"the {phrase}"
            if (
                1 <= len(phrase.split()) <= 6
                and not _PRAISE.match(head)
                and not re.match(
                    r"^(?:you|it|this|that|there|we|i|how|what|why|when|which|who|where)\b",
                    phrase,
                    re.I,
                )
            ):
                return phrase
    return FALLBACK_TOPIC
