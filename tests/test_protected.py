"""Protected personal details: what is set aside, what is left usable, which
questions are refused, and the rules file a reviewer reads."""

from __future__ import annotations

import re
import time
from importlib import resources
from pathlib import Path

import pytest

from secondround.core.analysis import compliance_rules, protected
from secondround.core.analysis.protected import (
    ComplianceRulesError,
    describe,
    find_protected,
    known_jurisdictions,
    protected_spans,
    question_topic,
    rules,
)
from secondround.core.errors import InvalidRequest
from secondround.core.models import ProtectedKind, Source, Span

K = ProtectedKind

MUST_FLAG = [
    ("Date of Birth: 12/03/1988", K.age),
    ("Age: 41", K.age),
    ("Married, two children", K.family),
    ("Mother of three", K.family),
    ("Nationality: Brazilian", K.national_origin),
    ("Religion: Catholic", K.religion),
    ("Volunteer, St. Mary's Church youth group", K.religion),
    ("Career break 2019-2020 (maternity leave)", K.pregnancy),
    ("Took 6 months of medical leave for cancer treatment", K.health),
    ("Pronouns: she/her", K.gender_identity),
    ("Member, Local 47 Teamsters union", K.union),
    ("Current salary: $95,000", K.salary_history),
    ("Current CTC 18 LPA", K.salary_history),
    ("Proud member of the LGBTQ+ employee network", K.sexual_orientation),
    ("Citizenship: Canadian", K.national_origin),
    ("Place of birth: Lagos", K.national_origin),
    # Beyond the brief's list: other wordings a resume or interview notes use.
    ("DOB: 03-04-1990", K.age),
    ("34 years old", K.age),
    ("Father of two young boys", K.family),
    ("Husband and I relocated to Berlin in 2020", K.family),
    ("Stay-at-home dad 2018-2020", K.family),
    ("She is pregnant and due in March", K.pregnancy),
    ("I am a devout Christian and active in my church", K.religion),
    ("Muslim Students Association, treasurer", K.religion),
    ("US Citizen", K.national_origin),
    ("Born and raised in Nairobi, Kenya", K.national_origin),
    ("Member, National Society of Black Engineers (NSBE)", K.race),
    ("Society of Hispanic Professional Engineers, chapter president", K.race),
    ("Diagnosed with ADHD in 2015", K.health),
    ("Blood Group: O+", K.health),
    ("Gender: Female", K.gender_identity),
    ("Shop steward for UNISON at the county council", K.union),
    ("PCS branch chair, 2019 - 2022", K.union),
    ("Previous salary: INR 12,00,000", K.salary_history),
    ("Currently earning $140k base", K.salary_history),
    ("Member of the Labour Party since 2010", K.political),
    ("Convicted of a misdemeanor in 2012", K.criminal),
    ("MARITAL STATUS: SINGLE", K.family),
]

MUST_NOT_FLAG = [
    "Managed a team of 12",
    "usage",
    "package",
    "Union Pacific Railroad",
    "single-handedly",
    "Single Sign-On",
    "Christian Dior",
    "Mental health counselor at Riverbend Clinic",
    "Led diversity and inclusion programme",
    "HR policies on parental leave",
    "pediatric nurse caring for children",
    "Black-Scholes",
    "blackbox",
    "BlackRock",
    "double-blind study",
    "native Android app",
    "age-appropriate curriculum",
    "Teams",
    "Temple University",
    "Catholic University of America",
    "Salary benchmarking project",
    "Compensation analyst",
    # Beyond the brief's list: professional wording close to a protected word.
    "Built a race-condition detector for the Go scheduler",
    "Implemented union-find for connected components",
    "Wrote SQL with UNION ALL across 14 tables",
    "Banking client: Navy Federal Credit Union",
    "Corporate Citizenship programme lead",
    "Designed pay bands and salary structures",
    "Earned $1.2M in new revenue from upsell campaigns",
    "Social worker supporting clients living with HIV",
    "Treated patients diagnosed with type 2 diabetes",
    "Built accessibility features for users with disabilities",
    "Administered FMLA medical leave cases for 3,000 employees",
    "Teacher, Grace Christian School",
    "Christian Müller, Senior Engineer",
    "University of North Carolina at Chapel Hill",
    "Inner Temple, called to the Bar 2015",
    "Modernised a 30-year-old COBOL system",
    "Consulted on non-binary classification models",
    "2011 Indian National Mathematics Olympiad finalist",
    "Supervisors: Prof. Jane Citizen and Dr Ann Yone",
    "Trained CTC-based speech recognition models",
    "Member of the technical staff, Union Pacific",
    "Expected CTC: 25 LPA",
]

NEUTRAL_LINES = [
    "Jordan Lee",
    "Senior Backend Engineer",
    "Experience",
    "Acme Payments, 2019-2024",
    "- Led the migration of the ledger from MySQL to Postgres",
    "- Cut p99 latency by 40% across 12 services",
    "Skills: Python, Go, Kafka, Kubernetes",
]


def _resume_with(line: str) -> tuple[str, Span]:
    """A small resume holding ``line`` in the middle, and the span of that line."""
    before = "\n".join(NEUTRAL_LINES[:4]) + "\n"
    text = before + line + "\n" + "\n".join(NEUTRAL_LINES[4:]) + "\n"
    return text, Span(start=len(before), end=len(before) + len(line))


# --------------------------------------------------------------------------- resumes


@pytest.mark.parametrize(("line", "kind"), MUST_FLAG)
def test_a_protected_detail_sets_aside_exactly_its_line(line: str, kind: ProtectedKind) -> None:
    text, line_span = _resume_with(line)
    findings = find_protected(text)
    assert kind in {f.kind for f in findings}
    assert all(f.span == line_span for f in findings)
    assert all(f.source is Source.resume for f in findings)


@pytest.mark.parametrize("line", MUST_NOT_FLAG)
def test_professional_wording_is_left_usable(line: str) -> None:
    text, _ = _resume_with(line)
    assert find_protected(text) == []


def test_findings_come_in_text_order_and_never_cover_neutral_lines() -> None:
    protected_lines = ["Date of Birth: 12/03/1988", "Married, two children", "Religion: Catholic"]
    lines = [NEUTRAL_LINES[0], protected_lines[0], *NEUTRAL_LINES[1:4], protected_lines[1]]
    text = "\n".join([*lines, *NEUTRAL_LINES[4:], protected_lines[2]])
    findings = find_protected(text)
    assert [f.span.slice(text) for f in findings if f.span] == protected_lines
    for neutral in NEUTRAL_LINES:
        start = text.index(neutral)
        assert not any(
            f.span and f.span.start < start + len(neutral) and start < f.span.end for f in findings
        )


def test_a_line_holding_two_kinds_yields_one_finding_per_kind() -> None:
    text = "Personal: Age 41, married, Nationality: Irish"
    findings = find_protected(text)
    assert {f.kind for f in findings} == {K.age, K.family, K.national_origin}
    assert {f.span for f in findings} == {Span(start=0, end=len(text))}


def test_an_exception_on_a_line_does_not_hide_a_real_detail_beside_it() -> None:
    text = "BA, Temple University; volunteer at my local mosque"
    assert [f.kind for f in find_protected(text)] == [K.religion]


def test_a_phrase_broken_across_lines_is_still_found() -> None:
    text = "Experience\nDate of\nBirth: 1990\nSkills"
    findings = find_protected(text)
    assert [f.kind for f in findings] == [K.age]
    assert findings[0].span and findings[0].span.slice(text) == "Date of\nBirth: 1990"


def test_crlf_line_endings_stay_out_of_the_span() -> None:
    text = "Skills: Go\r\nMarital status: married\r\nEducation"
    (finding,) = find_protected(text)
    assert finding.span and finding.span.slice(text) == "Marital status: married"


def test_an_overlong_line_sets_aside_only_the_sentence_with_the_detail() -> None:
    filler = "Built and ran the billing platform for four product lines. " * 6
    sentence = "I took 3 months of medical leave in 2021. "
    text = filler + sentence + filler
    (finding,) = find_protected(text)
    assert finding.kind is K.health
    assert finding.span and "medical leave" in finding.span.slice(text)
    assert finding.span.end - finding.span.start < len(sentence) + 5


def test_a_photo_is_a_finding_without_a_span() -> None:
    assert find_protected("Jordan Lee\nEngineer", has_photo=True) == [
        protected.ProtectedFinding(kind=K.photo, source=Source.resume, span=None)
    ]
    assert find_protected("Jordan Lee\nEngineer") == []


def test_a_job_advert_states_its_own_pay_and_an_eeo_statement_without_findings() -> None:
    advert = (
        "Salary: $120,000 - $150,000 plus equity\n"
        "We are an equal opportunity employer. All qualified applicants will receive "
        "consideration without regard to race, color, religion, sex (including pregnancy), "
        "sexual orientation, gender identity, national origin, age, disability or veteran "
        "status.\nWe offer generous parental leave."
    )
    assert find_protected(advert, Source.job) == []
    # The same pay line in a candidate's own resume is their salary history.
    assert [f.kind for f in find_protected("Salary: $120,000", Source.resume)] == [K.salary_history]


def test_a_discriminatory_job_requirement_is_found() -> None:
    findings = find_protected("Requirements:\nAge: 25 to 35 years\nPython", Source.job)
    assert [(f.kind, f.source) for f in findings] == [(K.age, Source.job)]


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("Mentioned she has two kids and is recently divorced.", K.family),
        ("He is 58 and close to retirement.", K.age),
        ("Candidate is Muslim and asked about prayer breaks.", K.religion),
        ("He has a strong accent.", K.national_origin),
        ("She grew up in Lagos and moved here in 2015.", K.national_origin),
        ("She is expecting her second child in June.", K.pregnancy),
        ("Currently makes 120k.", K.salary_history),
        ("Votes Republican, talked about it at length.", K.political),
    ],
)
def test_interview_notes_in_the_third_person_are_covered(note: str, kind: ProtectedKind) -> None:
    notes = f"Strong on system design.\n{note}\nGood questions about the team."
    findings = find_protected(notes, Source.notes)
    assert [f.kind for f in findings] == [kind]
    assert findings[0].span and findings[0].span.slice(notes) == note


def test_the_fast_scan_finds_what_a_full_scan_finds() -> None:
    # Triggers let most patterns skip most lines; they must never change a result.
    corpus = "\n".join(
        [line for line, _ in MUST_FLAG] + MUST_NOT_FLAG + NEUTRAL_LINES + ["Date of\nbirth"]
    )
    compiled = compliance_rules._compiled()
    for source in Source:
        expected = set()
        for ck in compiled.kinds:
            kind_rules = [r for r in ck.rules if source in r.sources]
            for rule in kind_rules:
                for match in rule.regex.finditer(corpus):
                    bounds = protected._line_bounds(corpus, match.start(), match.end())
                    line = corpus[bounds[0] : bounds[1]]
                    if ck.exceptions is not None:
                        line = ck.exceptions.sub(protected._blank, line)
                    if any(r.regex.search(line) for r in kind_rules):
                        expected.add((ck.kind, bounds))
        found = {
            (f.kind, (f.span.start, f.span.end)) for f in find_protected(corpus, source) if f.span
        }
        assert found == expected


def test_a_6kb_resume_is_scanned_in_a_few_milliseconds() -> None:
    text = ("\n".join(NEUTRAL_LINES + MUST_NOT_FLAG) + "\n") * 4
    text = text[:6144]
    find_protected(text)  # compile the rules first
    best = min(_timed(lambda: find_protected(text)) for _ in range(5))
    # The target is under 3 ms; the margin absorbs slow CI machines, while a lost
    # prefilter (about 40 ms) still fails.
    assert best < 0.015


def _timed(call: object) -> float:
    assert callable(call)
    start = time.perf_counter()
    for _ in range(10):
        call()
    return (time.perf_counter() - start) / 10


def test_protected_spans_merges_and_skips_photos() -> None:
    findings = [
        protected.ProtectedFinding(kind=K.age, span=Span(start=10, end=20)),
        protected.ProtectedFinding(kind=K.family, span=Span(start=10, end=20)),
        protected.ProtectedFinding(kind=K.health, span=Span(start=15, end=30)),
        protected.ProtectedFinding(kind=K.photo, span=None),
        protected.ProtectedFinding(kind=K.union, span=Span(start=0, end=5)),
    ]
    assert protected_spans(findings) == [Span(start=0, end=5), Span(start=10, end=30)]


# --------------------------------------------------------------------------- questions

ALLOWED_QUESTIONS = [
    # Records work is a job in health, legal and insurance roles.
    "This role needs medical records review: how have you handled records requests?",
    "How did you keep health records systems accurate during the migration?",
    "Are you legally authorised to work in the UK?",
    "What are your salary expectations?",
    "Can you perform the essential functions of this role with or without accommodation?",
    "Tell me about the migration you led at Stripe",
    "Will you now or in the future require visa sponsorship?",
    "What salary range are you looking for?",
    "Are you at least 18 years old?",
    "How did you debug the race condition in the payments service?",
    "How do you navigate office politics when priorities conflict?",
    "When would you use UNION ALL instead of UNION in SQL?",
    "How did you improve the health of the CI pipeline?",
    "Tell me about the accessibility work you did for users with disabilities.",
    "You were a pediatric nurse caring for children; how did you calm an anxious parent?",
    "How did you get buy-in for the parental leave policy you designed?",
    "How did you model discriminated unions in TypeScript?",
    "Tell me how you built the citizen-facing services at GDS.",
]

FLAGGED_QUESTIONS = [
    ("What is your current salary?", K.salary_history),
    ("Do you have children?", K.family),
    ("Where were you born?", K.national_origin),
    ("How old are you?", K.age),
    ("What year did you graduate from high school?", K.age),
    ("Do you plan to start a family soon?", K.family),
    ("Are you pregnant?", K.pregnancy),
    ("Which church do you attend?", K.religion),
    ("Are you a US citizen?", K.national_origin),
    ("What is your native language?", K.national_origin),
    ("What is your ethnicity?", K.race),
    ("Do you have a disability?", K.health),
    ("Could we see your medical records from that time?", K.health),
    ("How many sick days did you take last year?", K.health),
    ("Are you gay?", K.sexual_orientation),
    ("What are your pronouns?", K.gender_identity),
    ("Can you send us a photo of yourself?", K.photo),
    ("How do you feel about unions?", K.union),
    ("How much do you make now?", K.salary_history),
    ("What are your political views?", K.political),
    ("Have you ever been arrested?", K.criminal),
    # Allowed wording covers only itself: the rest of the question is still checked.
    ("Given your current salary, what are your salary expectations?", K.salary_history),
    ("Are you legally authorised to work here, and are you a citizen?", K.national_origin),
    # A question quoting a protected resume line touches that topic too.
    ("You list 'Member, Local 47 Teamsters union'; tell me about that.", K.union),
]


@pytest.mark.parametrize("question", ALLOWED_QUESTIONS)
def test_allowed_and_professional_questions_are_clean(question: str) -> None:
    assert question_topic(question) is None


@pytest.mark.parametrize(("question", "kind"), FLAGGED_QUESTIONS)
def test_questions_on_protected_topics_are_flagged(question: str, kind: ProtectedKind) -> None:
    assert question_topic(question) is kind


# --------------------------------------------------------------------------- the rules file


def test_the_rules_file_covers_every_kind_in_every_jurisdiction() -> None:
    for code in known_jurisdictions():
        compliance = rules(code)
        assert [k.kind for k in compliance.kinds] == list(ProtectedKind)
        for kind_rules in compliance.kinds:
            assert kind_rules.description.strip()
            assert kind_rules.sources and all(s.name.strip() for s in kind_rules.sources)


def test_every_kind_cites_a_us_source_with_an_address() -> None:
    for kind_rules in rules("US").kinds:
        assert any(s.url and s.url.startswith("https://") for s in kind_rules.sources), (
            kind_rules.kind
        )


def test_salary_history_status_by_jurisdiction() -> None:
    us = rules("US")
    assert not us.salary_history_ban  # no federal ban; the states and cities are listed
    places = {ban.place for ban in us.salary_history_bans}
    for place in ("California", "New York", "Massachusetts", "Washington", "New York City"):
        assert place in places
    assert {"Philadelphia", "San Francisco", "Alabama"} <= places
    assert rules("US-CA").salary_history_ban and rules("US-NY").salary_history_ban
    assert rules("EU").salary_history_ban
    assert not rules("UK").salary_history_ban
    assert all(rules(code).salary_history_avoided for code in known_jurisdictions())


def test_a_state_inherits_federal_sources_and_adds_its_own() -> None:
    federal = rules("US").for_kind(K.criminal)
    california = rules("US-CA").for_kind(K.criminal)
    assert federal and california
    assert set(federal.sources) < set(california.sources)


def test_jurisdiction_codes_are_case_insensitive_and_aliases_work() -> None:
    assert rules("us-ca").jurisdiction == "US-CA"
    assert rules("GB").jurisdiction == "UK"
    assert question_topic("Are you married?", jurisdiction="uk") is K.family


@pytest.mark.parametrize(
    "call",
    [
        lambda: rules("Atlantis"),
        lambda: find_protected("text", jurisdiction="Atlantis"),
        lambda: question_topic("Are you married?", jurisdiction="Atlantis"),
    ],
)
def test_an_unknown_jurisdiction_is_a_clear_request_error(call: object) -> None:
    assert callable(call)
    with pytest.raises(InvalidRequest) as caught:
        call()
    message = str(caught.value)
    assert "Atlantis" in message
    for code in known_jurisdictions():
        assert code in message


def test_describe_names_the_topic_and_where_it_was_found() -> None:
    assert describe(K.family) == (
        "A detail about marital or family status was found in the resume and ignored: "
        "it is never used or asked about."
    )
    assert "interview notes" in describe(K.health, Source.notes)
    assert describe(K.photo).startswith("A photograph was found in the resume")
    for kind in ProtectedKind:
        assert describe(kind).endswith(".")


def _rule_file_with(old: str, new: str) -> str:
    source = resources.files("secondround.core.data").joinpath(compliance_rules.RULES_FILE)
    text = source.read_text("utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_a_broken_pattern_names_its_kind_and_position() -> None:
    broken = _rule_file_with("      - '\\bdate\\s+of\\s+birth\\b'", "      - '(date of birth'")
    with pytest.raises(ComplianceRulesError, match=r"kind 'age', resume pattern 1"):
        compliance_rules._compile(broken)


def test_a_missing_kind_is_reported() -> None:
    broken = _rule_file_with("  political:\n", "  politics:\n")
    with pytest.raises(
        ComplianceRulesError, match=r"unknown: \['politics'\], missing: \['political'\]"
    ):
        compliance_rules._compile(broken)


def test_rules_loaded_from_kept_triggers_match_what_a_full_compile_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new process reuses the triggers kept in the data dir instead of re-deriving them;
    # the rules must then find exactly the same details, and a damaged file costs nothing.
    corpus = "\n".join([line for line, _ in MUST_FLAG] + MUST_NOT_FLAG + NEUTRAL_LINES)
    full = compliance_rules._compiled()
    monkeypatch.setattr(compliance_rules, "_triggers_dir", tmp_path)
    for damage in (None, "{not json", '{"key": "old", "triggers": {}}'):
        if damage is not None:
            (tmp_path / compliance_rules._TRIGGERS_FILE).write_text(damage, encoding="utf-8")
        text = resources.files("secondround.core.data").joinpath(compliance_rules.RULES_FILE)
        compiled = compliance_rules._compile(text.read_text("utf-8"))
        key = compliance_rules._triggers_key(text.read_text("utf-8"))
        assert compliance_rules._load_triggers(key) is None
        compliance_rules._save_triggers(key, compiled)
        known = compliance_rules._load_triggers(key)
        assert known is not None
        reloaded = compliance_rules._compile(text.read_text("utf-8"), known)
        for kept, fresh in zip(reloaded.kinds, full.kinds, strict=True):
            assert [r.triggers for r in kept.rules] == [r.triggers for r in fresh.rules]
            for rule in kept.rules:
                assert rule.regex.findall(corpus) == re.findall(
                    rule.pattern.source, corpus, re.IGNORECASE | re.MULTILINE
                )
        (tmp_path / compliance_rules._TRIGGERS_FILE).unlink()
