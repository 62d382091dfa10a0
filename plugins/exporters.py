"""Built-in kit exporters: JSON (the API's own shape), Markdown, and print-ready HTML.

Markdown and HTML share one grouping (:func:`group_questions`), so a kit reads the same
in both: questions by purpose in plan order, or by panelist for a panel. Everything
that came from a resume, a job description or notes is escaped for its format, since a
resume line may hold ``*``, ``|`` or ``<script>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from secondround.core.api import (
    Audience,
    Exporter,
    GuidanceRef,
    InterviewKit,
    LeftOut,
    LeftOutReason,
    Question,
    RatingAnchor,
    Source,
    hookimpl,
    purpose_label,
)

# --------------------------------------------------------------------------- shared

SOURCE_LABELS: dict[str, str] = {
    Source.resume: "resume",
    Source.job: "job description",
    Source.notes: "notes",
}

RATING_LEVELS = ("poor", "mixed", "good", "excellent")

UNASSIGNED_PANEL_HEADING = "Any panelist"
UNASSIGNED_PANEL_ANGLE = "Not assigned to one panelist; agree beforehand who asks these."

QuestionGroup = tuple[str, str | None, list[Question]]
NumberedGroup = tuple[QuestionGroup, list[tuple[int, Question]]]


def group_questions(kit: InterviewKit) -> list[QuestionGroup]:
    """Split a kit's questions into (heading, sub-heading, questions) groups.

    By panelist when the kit has panel roles (heading: the role's title, sub-heading:
    its angle), otherwise by purpose. Groups follow the kit: panelists in the order the
    panel lists them, purposes in the order they first appear in the plan; questions
    keep their plan order within a group, and no question is dropped.
    """
    if kit.panel_roles:
        return _group_by_panelist(kit)
    if kit.competencies:
        return _group_by_category(kit)
    by_purpose: dict[str, list[Question]] = {}
    for question in kit.questions:
        by_purpose.setdefault(str(question.purpose), []).append(question)
    return [(purpose_label(p), None, qs) for p, qs in by_purpose.items()]


def _group_by_category(kit: InterviewKit) -> list[QuestionGroup]:
    """Structured kits read as a scorecard: one group per competency category of the
    role profile, core questions before tailored ones."""
    by_id = {q.id: q for q in kit.questions}
    groups: dict[str, list[Question]] = {}
    placed: set[str] = set()
    for coverage in kit.competencies:
        bucket = groups.setdefault(coverage.category, [])
        for qid in coverage.questions:
            if qid in by_id and qid not in placed:
                bucket.append(by_id[qid])
                placed.add(qid)
    for bucket in groups.values():
        bucket.sort(key=lambda q: not q.core)
    rest = [q for q in kit.questions if q.id not in placed]
    out: list[QuestionGroup] = [(name, None, qs) for name, qs in groups.items() if qs]
    if rest:
        out.append(("Other questions", None, rest))
    return out


def _group_by_panelist(kit: InterviewKit) -> list[QuestionGroup]:
    by_asker: dict[str | None, list[Question]] = {}
    for question in kit.questions:
        by_asker.setdefault(question.asked_by, []).append(question)
    groups: list[QuestionGroup] = []
    for role in kit.panel_roles:
        questions = by_asker.pop(role.id, None)
        if questions:
            groups.append((role.title or role.id, role.angle or None, questions))
    # A question naming a role the kit does not list still belongs on the page.
    for asker, questions in by_asker.items():
        if asker is not None:
            groups.append((asker, None, questions))
    if None in by_asker:
        groups.append((UNASSIGNED_PANEL_HEADING, UNASSIGNED_PANEL_ANGLE, by_asker[None]))
    return groups


def _numbered(groups: list[QuestionGroup]) -> list[NumberedGroup]:
    # One running number across groups, so "question 7" means one thing in the room.
    out: list[NumberedGroup] = []
    number = 0
    for group in groups:
        numbered = []
        for question in group[2]:
            number += 1
            numbered.append((number, question))
        out.append((group, numbered))
    return out


def _angle_prefix(kit: InterviewKit, heading: str) -> str:
    """ "Listens for" introduces a panelist's angle; other sub-headings stand alone."""
    listed = {role.title or role.id for role in kit.panel_roles}
    return "Listens for" if heading in listed else ""


def _oneline(text: str) -> str:
    return " ".join(text.split())


def sentence_start(text: str) -> str:
    """The text with a capital first letter, unless its first word is a name written with
    a capital inside it ("gRPC", "iOS", "eBay"), which keeps its own spelling."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if any(c.isupper() for c in first[1:]):
        return text
    return text[:1].upper() + text[1:]


def _points(text: str) -> list[str]:
    """A multi-line rubric as its points, without the bullet marks a writer put in."""
    lines = [re.sub(r"^(?:[-*•·]|\d{1,2}[.)])\s+", "", line.strip()) for line in text.splitlines()]
    return [line for line in lines if line]


def format_minutes(value: float) -> str:
    """Minutes as a person writes them: "5", "2.5"."""
    rounded = round(value, 1)
    return f"{int(rounded)}" if rounded == int(rounded) else f"{rounded}"


def _kit_minutes(kit: InterviewKit) -> float:
    return kit.minutes or sum(q.minutes for q in kit.questions)


def _source_label(source: Source | str) -> str:
    return SOURCE_LABELS.get(str(source), str(source))


def _guidance_label(ref: GuidanceRef) -> str:
    source, heading = _oneline(ref.source), _oneline(ref.heading)
    return f"{source} › {heading}" if heading and source else source or heading


def _ordered_anchors(question: Question) -> list[RatingAnchor]:
    return sorted(question.rating_scale, key=lambda a: RATING_LEVELS.index(a.level))


def question_tags(
    question: Question, *, with_purpose: bool, clean: Callable[[str], str] = _oneline
) -> list[str]:
    """The short labels under a question (purpose, competency, core, minutes), shared by
    every export format; ``clean`` makes user-derived text safe for the format."""
    tags = []
    if with_purpose:
        tags.append(purpose_label(question.purpose))
    if question.competency:
        tags.append(f"Competency: {clean(question.competency)}")
    if question.core:
        tags.append("Core question (ask every candidate)")
    if question.minutes:
        tags.append(f"{format_minutes(question.minutes)} min")
    return tags


def _how_to_use(kit: InterviewKit) -> str:
    if kit.audience == Audience.candidate:
        return (
            "Rehearse each question aloud with one specific example. The quote shows which "
            "line of your resume it probes; the strong-answer notes show what the "
            "interviewer will listen for."
        )
    panel = "Each panelist asks the questions under their name. " if kit.panel_roles else ""
    return (
        f"{panel}Ask the questions in order and keep to the time. Each question quotes "
        "the line it probes: use the follow-ups when an answer stays general, compare "
        "the answer with what a strong answer shows, and rate it before the next question."
    )


def _footer_parts(kit: InterviewKit) -> list[str]:
    meta = kit.meta
    parts = [f"Generated by secondround (generator: {_oneline(meta.generator)}"]
    if meta.model:
        parts[0] += f", model: {_oneline(meta.model)}"
    parts[0] += ")"
    parts.append(f"corpus version: {_oneline(meta.corpus_version) or 'unknown'}")
    parts.append(f"schema {meta.schema_version}")
    return parts


def _summary_parts(kit: InterviewKit) -> list[tuple[str, str]]:
    parts = []
    if kit.candidate:
        parts.append(("Candidate", _oneline(kit.candidate)))
    parts.append(("Time", f"{format_minutes(_kit_minutes(kit))} min"))
    parts.append(("Questions", str(len(kit.questions))))
    if kit.role:
        core = sum(1 for q in kit.questions if q.core)
        parts.append(("Role profile", f"{_oneline(kit.role)} ({core} core questions)"))
    if kit.audience == Audience.candidate:
        parts.append(("For", "the candidate's rehearsal"))
    if kit.warnings:
        parts.append(("Warnings", f"{len(kit.warnings)} (listed at the end)"))
    return parts


ALSO_WORTH_ASKING = "Also worth asking"


def also_worth_asking_intro(kit: InterviewKit) -> str:
    """Why these are listed and not asked: most ranked below the kit's questions; the
    items left out for another reason say so themselves."""
    asked = len(kit.questions)
    who = "you may also be asked about" if kit.audience == Audience.candidate else "to ask"
    # Every other reason is shown on its item (a near question is always one of the kit's).
    marked = any(item.reason is not LeftOutReason.ranked_lower for item in kit.also_worth_asking)
    return (
        f"Left out of this {asked}-question kit because the questions above ranked higher"
        + (" (unless an item says otherwise)" if marked else "")
        + f"; with more time, these are next {who}."
    )


def _left_out_because(kit: InterviewKit, item: LeftOut, numbers: dict[str, int]) -> str:
    if item.reason is LeftOutReason.not_this_round:
        title = kit.round_title.lower()
        article = "an" if title[:1] in "aeiou" else "a"
        return f"not what {article} {title} asks about: keep it for another round"
    if item.reason is LeftOutReason.job_already_asked and item.near_question in numbers:
        return f"question {numbers[item.near_question]} already probes this job"
    return ""  # ranked lower: the intro says so once


def also_worth_asking_items(kit: InterviewKit) -> list[tuple[str, str]]:
    """(quote, what it is, what asking tells you and why it was not asked) for each
    left-out fact."""
    numbers = {q.id: n for _, numbered in _numbered(group_questions(kit)) for n, q in numbered}
    items = []
    explained: set[str] = set()
    for item in kit.also_worth_asking:
        # What asking tells you is the same for every fact of a kind: said once.
        why = item.why if item.kind.value not in explained else ""
        explained.add(item.kind.value)
        because = _left_out_because(kit, item, numbers)
        parts = [p.strip().rstrip(".") for p in (item.summary, why, because) if p.strip()]
        note = " ".join(f"{sentence_start(p)}." for p in parts)
        items.append((_oneline(item.quote), note))
    return items


def _shows_candidate_sections(kit: InterviewKit) -> bool:
    return kit.audience == Audience.candidate


NO_QUESTIONS = "This kit has no questions."

# --------------------------------------------------------------------------- Markdown

# Characters that change meaning anywhere in a line. "_" only matters at a word's
# edge (snake_case stays readable); "&" only when it would start an entity.
_MD_INLINE = re.compile(r"[\\`*\[\]<|~]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)")
# Marks that only matter where the text opens a block (a list item, a quote line).
_MD_BLOCK_OPENER = re.compile(r"^(?:>|#|[-+](?=[\s\-]|$))")
_MD_ORDERED_OPENER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def _md(text: str, *, block_start: bool = False) -> str:
    """Markdown-escape user-derived text, flattened to one line so it cannot break layout."""
    escaped = _MD_INLINE.sub(lambda m: "\\" + m.group(0), _oneline(text))
    if block_start:
        if _MD_BLOCK_OPENER.match(escaped):
            escaped = "\\" + escaped
        else:
            escaped = _MD_ORDERED_OPENER.sub(r"\1\\\2", escaped)
    return escaped


def _md_heading(text: str) -> str:
    # A trailing " #" would be read as the heading's closing sequence.
    return _md(text).replace("#", "\\#")


def _md_question(number: int, question: Question, *, with_purpose: bool) -> list[str]:
    lines = [f"**{number}. {_md(question.text)}**"]
    tags = question_tags(question, with_purpose=with_purpose)
    if tags:
        # Same paragraph: the tags sit right under the question when rendered.
        lines.append("*" + " · ".join(_md(t) for t in tags) + "*")
    lines.append("")
    if question.evidence:
        lines.append("**Evidence:**")
        for index, evidence in enumerate(question.evidence):
            if index:
                lines.append(">")
            lines.append(f"> “{_md(evidence.quote)}” — {_source_label(evidence.source)}")
        lines.append("")
    if question.rationale.strip():
        lines += [f"**Why ask:** {_md(question.rationale)}", ""]
    follow_ups = [f for f in question.follow_ups if f.strip()]
    if follow_ups:
        lines.append("**Follow-ups:**")
        lines += [f"- {_md(f, block_start=True)}" for f in follow_ups]
        lines.append("")
    points = _points(question.strong_answer)
    if len(points) == 1:
        lines += [f"**A strong answer shows:** {_md(points[0])}", ""]
    elif points:
        lines.append("**A strong answer shows:**")
        lines += [f"- {_md(p, block_start=True)}" for p in points]
        lines.append("")
    anchors = _ordered_anchors(question)
    if anchors:
        lines += ["| Rating | What you hear |", "| --- | --- |"]
        lines += [f"| {a.level.capitalize()} | {_md(a.description)} |" for a in anchors]
        lines.append("")
    if question.guidance:
        refs = "; ".join(_md(_guidance_label(g)) for g in question.guidance)
        lines += [f"*Guidance:* {refs}", ""]
    return lines


def render_kit_markdown(kit: InterviewKit) -> str:
    """The kit as Markdown an interviewer can print or paste into a document."""
    lines = [f"# {_md_heading(kit.round_title)}", ""]
    lines += [" · ".join(f"**{k}:** {_md(v)}" for k, v in _summary_parts(kit)), ""]
    lines += [f"**How to use this kit:** {_how_to_use(kit)}", ""]
    with_purpose = bool(kit.panel_roles or kit.competencies)
    groups = _numbered(group_questions(kit))
    if not groups:
        lines += [NO_QUESTIONS, ""]
    for (heading, angle, _), numbered in groups:
        lines += [f"## {_md_heading(heading)}", ""]
        if angle:
            label = _angle_prefix(kit, heading)
            lines += [f"*{label}:* {_md(angle)}" if label else f"*{_md(angle)}*", ""]
        for number, question in numbered:
            lines += _md_question(number, question, with_purpose=with_purpose)
    if kit.competencies:
        numbers = {q.id: n for _, numbered in groups for n, q in numbered}
        lines += ["## Competency coverage", "", "| Category | Competency | Questions |"]
        lines.append("| --- | --- | --- |")
        for c in kit.competencies:
            asked = ", ".join(str(numbers[q]) for q in c.questions if q in numbers) or "none"
            lines.append(f"| {_md(c.category)} | {_md(c.competency)} | {asked} |")
        lines.append("")
    if kit.also_worth_asking:
        lines += [f"## {ALSO_WORTH_ASKING}", "", f"*{_md(also_worth_asking_intro(kit))}*", ""]
        for quote, note in also_worth_asking_items(kit):
            lines.append(f"- “{_md(quote)}” — {_md(note)}")
        lines.append("")
    if kit.warnings:
        lines += ["## Warnings", ""]
        lines += [f"- {_md(w.message, block_start=True)}" for w in kit.warnings]
        lines.append("")
    if _shows_candidate_sections(kit):
        if kit.preparation:
            lines += ["## Preparation", ""]
            for advice in kit.preparation:
                item = f"- {_md(advice.text, block_start=True)}"
                if advice.guidance:
                    refs = "; ".join(_md(_guidance_label(g)) for g in advice.guidance)
                    item += f" *(Guidance: {refs})*"
                lines.append(item)
            lines.append("")
        if kit.questions_to_ask:
            lines += ["## Questions you could ask", ""]
            for number, question in enumerate(kit.questions_to_ask, start=1):
                item = f"{number}. {_md(question.text, block_start=True)}"
                if question.rationale.strip():
                    item += f" — *{_md(question.rationale)}*"
                lines.append(item)
            lines.append("")
    lines += ["---", "", "*" + " · ".join(_md(p) for p in _footer_parts(kit)) + "*"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- HTML

KIT_CSS = """\
.sr-kit{font:11pt/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,
  sans-serif;color:#1a1a1a;background:#fff;max-width:50rem;margin:0 auto}
.sr-title{font-size:1.6em;margin:0 0 .3em;line-height:1.2}
.sr-group-title{font-size:1.2em;color:#1f4e79;border-bottom:2px solid #1f4e79;
  padding-bottom:.15em;margin:1.6em 0 .5em;break-after:avoid;page-break-after:avoid}
.sr-q-title{font-size:1.02em;margin:0 0 .3em;line-height:1.35}
.sr-kit p{margin:.3em 0}
.sr-facts{display:flex;flex-wrap:wrap;gap:.2em 1.4em;margin:0 0 .6em;padding:0}
.sr-facts div{display:flex;gap:.35em}
.sr-facts dt{font-weight:600}.sr-facts dd{margin:0}
.sr-how{background:#eef3f8;border-left:4px solid #1f4e79;padding:.45em .8em}
.sr-angle{color:#404040;margin:-.2em 0 .8em}
.sr-q{border-left:3px solid #c5d3e0;padding:.1em 0 .1em .9em;margin:0 0 1.3em;
  break-inside:avoid;page-break-inside:avoid}
.sr-num{color:#1f4e79}
.sr-tags{color:#404040;font-size:.88em;margin:0 0 .45em}
.sr-core{font-weight:600;color:#7a2e00}
.sr-label{font-weight:600}
.sr-kit blockquote{margin:.25em 0 .45em;padding:.2em .8em;border-left:3px solid #b38f00;
  background:#fffbea}
.sr-kit blockquote p{margin:.15em 0}
.sr-kit mark{background:#ffec8a;color:#000;padding:0 .1em;
  -webkit-print-color-adjust:exact;print-color-adjust:exact}
.sr-src{color:#404040;font-size:.85em;white-space:nowrap}
.sr-kit details{margin:.35em 0}
.sr-kit summary{font-weight:600;cursor:pointer}
.sr-kit details ul,.sr-kit details p{margin:.2em 0 .2em}
.sr-kit ul,.sr-kit ol{padding-left:1.4em;margin:.2em 0}
.sr-kit table{border-collapse:collapse;font-size:.88em;margin:.45em 0;width:100%}
.sr-kit caption{text-align:left;font-weight:600;padding-bottom:.15em}
.sr-kit th,.sr-kit td{border:1px solid #a6a6a6;padding:.2em .45em;text-align:left;
  vertical-align:top}
.sr-kit tbody th{width:6.5em}
.sr-guidance,.sr-footer{color:#404040;font-size:.85em}
.sr-notes{border:1px dashed #808080;min-height:3.4em;padding:.25em .5em;margin-top:.5em;
  font-size:.85em;color:#404040}
.sr-warnings{background:#fdf1f0;border-left:4px solid #a12a1f;padding:.2em .9em .5em}
.sr-footer{border-top:1px solid #a6a6a6;margin-top:2em;padding-top:.4em}
@media print{
  @page{margin:15mm 14mm}
  .sr-kit{max-width:none;font-size:10pt}
  .sr-kit details>*:not(summary){display:block}
  .sr-kit summary{list-style:none;cursor:auto}
  .sr-kit summary::-webkit-details-marker{display:none}
  .sr-notes[hidden]{display:block}
  .sr-how{background:none}
}
"""

# Kept apart: a browser that does not know ::details-content drops the whole rule.
KIT_PRINT_DETAILS_CSS = """\
@media print{.sr-kit details::details-content{content-visibility:visible;display:block}}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_question(
    number: int,
    question: Question,
    *,
    level: int,
    with_purpose: bool,
    interviewer: bool,
    details_open: bool = True,
) -> list[str]:
    h = f"h{level}"
    details = "<details open>" if details_open else "<details>"
    out = [
        f'<article class="sr-q" id="sr-q{number}" data-question-id="{_e(question.id)}" '
        f'aria-labelledby="sr-q{number}-title">',
        f'<{h} class="sr-q-title" id="sr-q{number}-title"><span class="sr-num">{number}.</span> '
        f"{_e(question.text)}</{h}>",
    ]
    tags = question_tags(question, with_purpose=with_purpose)
    if tags:
        rendered = [
            f'<span class="sr-core">{_e(t)}</span>' if t.startswith("Core question") else _e(t)
            for t in tags
        ]
        out.append(f'<p class="sr-tags">{" · ".join(rendered)}</p>')
    if question.evidence:
        out.append('<div class="sr-evidence" role="group" aria-label="Evidence">')
        out.append('<p class="sr-label">Evidence</p><blockquote>')
        for evidence in question.evidence:
            out.append(
                f"<p>“<mark>{_e(evidence.quote)}</mark>” "
                f'<span class="sr-src">— {_e(_source_label(evidence.source))}</span></p>'
            )
        out.append("</blockquote></div>")
    if question.rationale.strip():
        out.append(f'<p><span class="sr-label">Why ask:</span> {_e(question.rationale)}</p>')
    follow_ups = [f for f in question.follow_ups if f.strip()]
    if follow_ups:
        out.append(f"{details}<summary>Follow-ups ({len(follow_ups)})</summary><ul>")
        out += [f"<li>{_e(f)}</li>" for f in follow_ups]
        out.append("</ul></details>")
    points = _points(question.strong_answer)
    if points:
        out.append(f"{details}<summary>A strong answer shows</summary>")
        if len(points) == 1:
            out.append(f"<p>{_e(points[0])}</p>")
        else:
            out.append("<ul>" + "".join(f"<li>{_e(p)}</li>" for p in points) + "</ul>")
        out.append("</details>")
    anchors = _ordered_anchors(question)
    if anchors:
        out.append('<table class="sr-rating"><caption>Rating scale</caption>')
        out.append('<thead><tr><th scope="col">Rating</th>')
        out.append('<th scope="col">What you hear</th></tr></thead><tbody>')
        out += [
            f'<tr><th scope="row">{a.level.capitalize()}</th><td>{_e(a.description)}</td></tr>'
            for a in anchors
        ]
        out.append("</tbody></table>")
    if question.guidance:
        refs = "; ".join(_e(_guidance_label(g)) for g in question.guidance)
        out.append(f'<p class="sr-guidance"><span class="sr-label">Guidance:</span> {refs}</p>')
    if interviewer:
        # Shown only on paper (see the print CSS): room to rate and note by hand.
        out.append(
            '<div class="sr-notes" hidden>Rating: ☐ Poor ☐ Mixed ☐ Good ☐ Excellent — Notes:</div>'
        )
    out.append("</article>")
    return out


def _html_list_section(
    heading_tag: str, css_class: str, title: str, items: list[str], *, ordered: bool = False
) -> list[str]:
    """A titled section holding one list; ``items`` are already escaped HTML."""
    list_tag = "ol" if ordered else "ul"
    return [
        f'<section class="{css_class}" aria-labelledby="{css_class}-title">',
        f'<{heading_tag} class="sr-group-title" id="{css_class}-title">{title}</{heading_tag}>',
        f"<{list_tag}>",
        *(f"<li>{item}</li>" for item in items),
        f"</{list_tag}></section>",
    ]


def render_kit_html_fragment(
    kit: InterviewKit, *, heading_level: int = 1, details_open: bool = True
) -> str:
    """The kit as an HTML fragment (no <html>, <head> or <body>) for a page to embed.

    Style it with :data:`KIT_CSS` (classes are prefixed ``sr-``). ``heading_level`` is
    the level of the kit's title (1-4); groups and questions sit one and two below, so
    a page with its own <h1> can pass 2 and keep a clean heading outline.
    ``details_open=False`` folds follow-ups and strong-answer notes (a page on screen);
    printing wants them open.
    """
    top = min(max(heading_level, 1), 4)
    h1, h2 = f"h{top}", f"h{top + 1}"
    interviewer = kit.audience != Audience.candidate
    out = ['<article class="sr-kit" aria-labelledby="sr-kit-title">', "<header>"]
    out.append(f'<{h1} class="sr-title" id="sr-kit-title">{_e(kit.round_title)}</{h1}>')
    out.append('<dl class="sr-facts">')
    out += [f"<div><dt>{_e(k)}:</dt><dd>{_e(v)}</dd></div>" for k, v in _summary_parts(kit)]
    out.append("</dl>")
    out.append(
        f'<p class="sr-how"><span class="sr-label">How to use this kit:</span> '
        f"{_e(_how_to_use(kit))}</p>"
    )
    out.append("</header>")
    with_purpose = bool(kit.panel_roles or kit.competencies)
    groups = _numbered(group_questions(kit))
    if not groups:
        out.append(f"<p>{NO_QUESTIONS}</p>")
    for index, ((heading, angle, _), numbered) in enumerate(groups, start=1):
        out.append(f'<section class="sr-group" aria-labelledby="sr-g{index}">')
        out.append(f'<{h2} class="sr-group-title" id="sr-g{index}">{_e(heading)}</{h2}>')
        if angle:
            prefix = _angle_prefix(kit, heading)
            label = f'<span class="sr-label">{prefix}:</span> ' if prefix else ""
            out.append(f'<p class="sr-angle">{label}{_e(angle)}</p>')
        for number, question in numbered:
            out += _html_question(
                number,
                question,
                level=top + 2,
                with_purpose=with_purpose,
                interviewer=interviewer,
                details_open=details_open,
            )
        out.append("</section>")
    if kit.competencies:
        numbers = {q.id: n for _, numbered in groups for n, q in numbered}
        items = [
            f"{_e(c.category)}: {_e(c.competency)} — questions "
            + (", ".join(str(numbers[q]) for q in c.questions if q in numbers) or "none")
            for c in kit.competencies
        ]
        out += _html_list_section(h2, "sr-coverage", "Competency coverage", items)
    if kit.also_worth_asking:
        items = [
            f'“{_e(quote)}” <span class="sr-src">— {_e(note)}</span>'
            for quote, note in also_worth_asking_items(kit)
        ]
        section = _html_list_section(h2, "sr-also", ALSO_WORTH_ASKING, items)
        section.insert(2, f'<p class="sr-angle">{_e(also_worth_asking_intro(kit))}</p>')
        out += section
    if kit.warnings:
        items = [_e(w.message) for w in kit.warnings]
        out += _html_list_section(h2, "sr-warnings", "Warnings", items)
    if _shows_candidate_sections(kit):
        if kit.preparation:
            items = []
            for advice in kit.preparation:
                item = _e(advice.text)
                if advice.guidance:
                    refs = "; ".join(_e(_guidance_label(g)) for g in advice.guidance)
                    item += f' <span class="sr-guidance">(Guidance: {refs})</span>'
                items.append(item)
            out += _html_list_section(h2, "sr-preparation", "Preparation", items)
        if kit.questions_to_ask:
            items = []
            for question in kit.questions_to_ask:
                item = _e(question.text)
                if question.rationale.strip():
                    item += f' <span class="sr-src">— {_e(question.rationale)}</span>'
                items.append(item)
            title = "Questions you could ask"
            out += _html_list_section(h2, "sr-to-ask", title, items, ordered=True)
    out.append(f'<footer class="sr-footer"><p>{_e(" · ".join(_footer_parts(kit)))}</p></footer>')
    out.append("</article>")
    return "\n".join(out)


def render_kit_html(kit: InterviewKit) -> str:
    """A self-contained, print-ready HTML5 page: inline CSS, no script, no external asset."""
    title = _oneline(kit.round_title)
    if kit.candidate:
        title += f" — {_oneline(kit.candidate)}"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light">',
            '<meta name="generator" content="secondround">',
            f"<title>{_e(title)}</title>",
            "<style>",
            "body{margin:1.5rem;background:#fff}@media print{body{margin:0}}",
            KIT_CSS + KIT_PRINT_DETAILS_CSS,
            "</style>",
            "</head>",
            "<body>",
            "<main>",
            render_kit_html_fragment(kit),
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


# --------------------------------------------------------------------------- exporters


class JsonExporter(Exporter):
    name = "json"
    media_type = "application/json"
    extension = ".json"
    description = "The kit as JSON, exactly as the HTTP API returns it."

    def export(self, kit: InterviewKit) -> str:
        return kit.model_dump_json(indent=2)


class MarkdownExporter(Exporter):
    name = "md"
    media_type = "text/markdown"
    extension = ".md"
    description = "Markdown to print or paste: questions grouped by purpose or panelist."

    def export(self, kit: InterviewKit) -> str:
        return render_kit_markdown(kit)


class HtmlExporter(Exporter):
    name = "html"
    media_type = "text/html"
    extension = ".html"
    description = "A self-contained, print-ready HTML page (no scripts, no external files)."

    def export(self, kit: InterviewKit) -> str:
        return render_kit_html(kit)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(JsonExporter())
    register(MarkdownExporter())
    register(HtmlExporter())
