"""The command line after the kit: ``scorecard``, ``debrief``, ``compare``, ``followup``.

Kept apart from cli.py (which registers them) so the kit commands stay readable;
imports stay inside the commands so ``secondround --help`` starts fast. Nothing is
written anywhere but where ``--out`` says (or standard output).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .errors import InvalidRequest


def add_commands(sub: Any) -> None:
    card = sub.add_parser("scorecard", help="blank or read back interviewers' scorecards")
    card_sub = card.add_subparsers(dest="scorecard_command", required=True, metavar="ACTION")
    blank = card_sub.add_parser("blank", help="an empty scorecard (JSON or YAML) for a kit")
    blank.add_argument("kit", help="the kit's JSON (`questions ... --format json`)")
    blank.add_argument("--interviewer", default="Interviewer", help="who fills it in")
    blank.add_argument("--format", choices=["json", "yaml"], default="json")
    blank.add_argument("--out", help="write here instead of standard output")
    blank.set_defaults(func=cmd_scorecard_blank)
    read = card_sub.add_parser("read", help="read a filled-in Word sheet or scorecard file")
    read.add_argument("file", help="the filled-in .docx sheet, or a JSON/YAML scorecard")
    read.add_argument("--kit", required=True, help="the kit's JSON")
    read.add_argument("--out", help="write the scorecard JSON here")
    read.set_defaults(func=cmd_scorecard_read)

    d = sub.add_parser("debrief", help="the panel's ratings, evidence, unknowns and follow-ups")
    d.add_argument("kit", help="the kit's JSON")
    d.add_argument("scorecards", nargs="+", help="scorecards: JSON, YAML or filled-in .docx")
    d.add_argument("--resume", help="the candidate's resume, for better follow-ups (optional)")
    d.add_argument("--job", help="job description file (optional)")
    d.add_argument("--notes", help="first-interview notes file (optional)")
    d.add_argument("--format", choices=["md", "json", "html", "docx"], default="md")
    d.add_argument("--out", help="write the debrief here instead of standard output")
    d.add_argument("--candidate", help="how to name the candidate (default: the kit's label)")
    d.add_argument("--jurisdiction", help="compliance rules to apply (default US)")
    d.set_defaults(func=cmd_debrief)

    c = sub.add_parser("compare", help="candidates side by side from their debriefs")
    c.add_argument("debriefs", nargs="+", help="debrief JSON files (`debrief --format json`)")
    c.add_argument("--format", choices=["md", "json", "html", "docx"], default="md")
    c.add_argument("--out", help="write the comparison here instead of standard output")
    c.set_defaults(func=cmd_compare)

    f = sub.add_parser("followup", help="probes for what one answer lacks")
    f.add_argument("--kit", required=True, help="the kit's JSON")
    f.add_argument("--question", required=True, help="the question's id in the kit (q3)")
    f.add_argument("--answer", required=True, help="a text file with the answer, or - for stdin")
    f.add_argument("--audience", choices=["interviewer", "candidate"], default="interviewer")
    f.add_argument("--format", choices=["md", "json"], default="md")
    f.add_argument(
        "--generator",
        help="offline (default), or llm to have the configured model word the probes "
        "for the gaps the rules found (docs/debrief.md)",
    )
    f.add_argument("--candidate", help="the candidate's name, replaced before a model sees it")
    f.add_argument("--jurisdiction", help="compliance rules to apply (default US)")
    f.set_defaults(func=cmd_followup)


def _read(path: str, what: str) -> bytes:
    from .cli import read_file

    return read_file(path, what)


def _kit(path: str) -> Any:
    from .debrief.scorecard import load_kit

    return load_kit(_read(path, "kit"), what=f"kit '{path}'")


def _settings(args: argparse.Namespace) -> Any:
    from .settings import load_settings

    jurisdiction = getattr(args, "jurisdiction", None)
    return load_settings(jurisdiction=jurisdiction) if jurisdiction else load_settings()


def cmd_scorecard_blank(args: argparse.Namespace) -> int:
    from .cli import emit
    from .debrief.scorecard import blank_scorecard

    card = blank_scorecard(_kit(args.kit), interviewer=args.interviewer)
    if args.format == "yaml":
        import yaml

        text = yaml.safe_dump(card.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
    else:
        text = card.model_dump_json(indent=2)
    emit(text, args.out, args.format, "a blank scorecard")
    return 0


def cmd_scorecard_read(args: argparse.Namespace) -> int:
    from .cli import emit
    from .debrief.scorecard import load_scorecard

    kit = _kit(args.kit)
    card = load_scorecard(_read(args.file, "scorecard"), Path(args.file).name, kit)
    emit(card.model_dump_json(indent=2), args.out, "json", f"{card.interviewer}'s scorecard")
    return 0


def cmd_debrief(args: argparse.Namespace) -> int:
    from .cli import emit
    from .debrief.debrief import build_debrief
    from .debrief.render import render
    from .debrief.scorecard import load_scorecard

    settings = _settings(args)
    kit = _kit(args.kit)
    cards = [load_scorecard(_read(p, "scorecard"), Path(p).name, kit) for p in args.scorecards]
    analysis = _analysis(args, settings) if args.resume else None
    debrief = build_debrief(kit, cards, analysis=analysis, jurisdiction=settings.jurisdiction)
    if args.candidate:
        debrief.candidate = args.candidate
    what = (
        f"the debrief ({len(debrief.unknowns)} open points, {len(debrief.follow_ups)} follow-ups)"
    )
    emit(render(debrief, args.format), args.out, args.format, what)
    return 0


def _analysis(args: argparse.Namespace, settings: Any) -> Any:
    from .cli import side_text
    from .pipeline import Engine, KitRequest

    engine = Engine(settings)
    request = KitRequest(
        resume=_read(args.resume, "resume"),
        filename=Path(args.resume).name,
        job_text=side_text(engine, args.job, "job description"),
        notes_text=side_text(engine, args.notes, "notes"),
    )
    return engine.prepare(request)


def cmd_compare(args: argparse.Namespace) -> int:
    from .cli import emit
    from .debrief.compare import compare
    from .debrief.debrief import load_debrief
    from .debrief.render import render

    debriefs = [load_debrief(_read(p, "debrief"), p) for p in args.debriefs]
    comparison = compare(debriefs)
    emit(render(comparison, args.format), args.out, args.format, "the comparison")
    return 0


def cmd_followup(args: argparse.Namespace) -> int:
    from .debrief.answer_model import answer_follow_ups
    from .models import Audience

    kit = _kit(args.kit)
    question = next((q for q in kit.questions if q.id == args.question), None)
    if question is None:
        ids = ", ".join(q.id for q in kit.questions[:20])
        raise InvalidRequest(f"The kit has no question '{args.question}'; its ids are {ids}.")
    if args.answer == "-":
        answer = sys.stdin.read()
    else:
        answer = _read(args.answer, "answer").decode("utf-8", errors="replace")
    result = answer_follow_ups(
        question,
        answer,
        Audience(args.audience),
        _settings(args),
        generator=args.generator,
        candidate=args.candidate,
    )
    for warning in result.warnings:
        print(f"warning: {warning.message}", file=sys.stderr)
    if args.format == "json":
        print(result.model_dump_json(indent=2))
    elif result.feedback:
        print(result.feedback)
    elif result.lacks:
        print(f"Probes for “{question.text}”:")
        for lack in result.lacks:
            print(f"- ({lack.label}) {lack.probe}")
    else:
        print("The answer has what the rubric asks for; no probe needed.")
    return 0
