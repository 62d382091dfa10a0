"""The ``secondround`` command line.

Imports stay inside the commands so that `secondround rounds` or `--help` start fast;
a user error prints one sentence and exits with code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InvalidRequest, SecondRoundError

if TYPE_CHECKING:
    from .pipeline import Engine


def _engine(args: argparse.Namespace) -> Engine:
    from .pipeline import Engine
    from .settings import load_settings

    overrides: dict[str, object] = {}
    if getattr(args, "jurisdiction", None):
        overrides["jurisdiction"] = args.jurisdiction
    settings = load_settings(**overrides)
    return Engine(settings)


def read_file(path: str, what: str) -> bytes:
    p = Path(path)
    if not p.exists():
        raise InvalidRequest(f"The {what} file '{path}' does not exist; check the path.")
    if p.is_dir():
        raise InvalidRequest(f"'{path}' is a folder; give the {what} file itself.")
    return p.read_bytes()


def side_text(engine: Engine, path: str | None, what: str) -> str | None:
    """A job description or notes file, read with the same readers as resumes."""
    if not path:
        return None
    from .reading.readers import read_document

    data = read_file(path, what)
    return read_document(data, Path(path).name, engine.registry.readers).text


def cmd_questions(args: argparse.Namespace) -> int:
    from .models import Audience
    from .pipeline import KitRequest

    engine = _engine(args)
    data = read_file(args.resume, "resume")
    role = None
    if args.role:
        from .planning.role_profile import RoleProfile

        role = RoleProfile.load(Path(args.role))
    request = KitRequest(
        role=role,
        resume=data,
        filename=Path(args.resume).name,
        job_text=side_text(engine, args.job, "job description"),
        notes_text=side_text(engine, args.notes, "notes"),
        round=args.round,
        count=args.count,
        audience=Audience(args.audience),
        generator=args.generator,
    )
    exporter = engine.registry.exporter(args.format)
    engine.ensure_index(progress=sys.stderr.isatty())
    from .embeddings import prefer_quick_start

    # After the index: a first run that builds it has loaded the optimised embedder.
    prefer_quick_start()
    on_question = None
    if args.stream:
        from .analysis.fact_links import collapse

        def on_question(q: object) -> None:
            text = getattr(q, "text", "")
            print(f"- {collapse(text)}", file=sys.stderr, flush=True)

    kit = engine.build_kit(request, on_question=on_question)
    emit(exporter.export(kit), args.out, args.format, f"{len(kit.questions)} questions")
    return 0


def emit(rendered: str | bytes, out: str | None, fmt: str, what: str) -> None:
    """Write to ``out`` (saying so on stderr) or to standard output for text formats."""
    if out:
        path = Path(out)
        if isinstance(rendered, bytes):
            path.write_bytes(rendered)
        else:
            path.write_text(rendered, encoding="utf-8")
        print(f"Wrote {what} to {path}", file=sys.stderr)
    elif isinstance(rendered, bytes):
        raise InvalidRequest(f"The '{fmt}' format is binary; write it to a file with --out FILE.")
    else:
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")


def cmd_role_init(args: argparse.Namespace) -> int:
    from .planning.role_profile import derive_profile

    engine = _engine(args)
    job_text = side_text(engine, args.job, "job description")
    assert job_text is not None
    rendered = derive_profile(job_text).to_yaml()
    if args.out:
        out = Path(args.out)
        if out.exists() and not args.force:
            raise InvalidRequest(
                f"'{out}' already exists; choose another --out or add --force to replace it."
            )
        out.write_text(rendered, encoding="utf-8")
        print(
            f"Wrote a role profile to {out}; review and edit it, then pass --role {out}.",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(rendered)
    return 0


def cmd_rounds(args: argparse.Namespace) -> int:
    engine = _engine(args)
    rounds = engine.rounds_info()
    if args.json:
        print(json.dumps(rounds, indent=2))
        return 0
    for r in rounds:
        print(f"{r['name']:<14} {r['title']}  (plugin: {r['plugin']})")
        print(f"{'':<14} {r['description']}")
        print(f"{'':<14} purposes: {', '.join(str(p) for p in r['purposes'])}")  # type: ignore[attr-defined]
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    engine = _engine(args)
    registry = engine.registry
    data = engine.plugins_info()
    if args.json:
        print(json.dumps(data, indent=2))
        return 0
    for p in registry.plugins:
        kind = "built-in" if p.builtin else "installed"
        print(f"{p.name} {p.version} ({kind}): {', '.join(p.hooks)}")
        for item in p.registered:
            print(f"    {item}")
    for problem in registry.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from .guidance.corpus import load_user_documents

    engine = _engine(args)
    engine.ensure_index(progress=sys.stderr.isatty())
    documents = load_user_documents([Path(p) for p in args.paths])
    if not documents:
        raise InvalidRequest(
            "No readable guidance was found in the paths given; point at .md, .txt, .pdf, "
            ".docx or .html files or folders holding them."
        )
    stats = engine.add_guidance(documents, progress=sys.stderr.isatty())
    print(
        f"Indexed {len(documents)} document(s): {stats.added} passage(s) added, "
        f"{stats.unchanged} unchanged; the index now holds {stats.total} passages."
    )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from .guidance.index import GuidanceQuery

    engine = _engine(args)
    engine.ensure_index(progress=sys.stderr.isatty())
    query = GuidanceQuery(text=args.query, purpose=args.purpose, round=args.round, k=args.k)
    passages = engine.index.search([query])[0]
    if args.json:
        print(json.dumps([p.model_dump() for p in passages], indent=2))
        return 0
    for p in passages:
        print(f"[{p.score:.2f}] {p.source} > {p.heading}")
        print("    " + " ".join(p.text.split())[:400])
        print()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from secondround.server.run import serve
    except ImportError as exc:  # the server extra is optional
        raise InvalidRequest(
            "The server needs its extra dependencies; install them with "
            "`pip install 'secondround[server]'`."
        ) from exc
    code: int = serve(host=args.host, port=args.port, workers=args.workers, reload=args.reload)
    return code


def cmd_eval(args: argparse.Namespace) -> int:
    from secondround.eval.runner import main as eval_main

    code: int = eval_main(args.eval_args)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="secondround",
        description="Tailored, grounded second-round interview kits from a resume, offline.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    q = sub.add_parser("questions", help="build an interview kit from a resume")
    q.add_argument("resume", help="resume file: PDF, DOCX, TXT, MD or JSON Resume")
    q.add_argument("--round", default="second", help="round type (see `secondround rounds`)")
    q.add_argument("--job", help="job description file (optional)")
    q.add_argument("--notes", help="first-interview or reference notes file (optional)")
    q.add_argument("--count", type=int, help="number of questions (default: the round's)")
    q.add_argument("--format", default="md", help="md, json, html, or a plugin's format")
    q.add_argument("--out", help="write the kit to this file instead of standard output")
    q.add_argument(
        "--audience",
        choices=["interviewer", "candidate"],
        default="interviewer",
        help="candidate adds preparation advice and questions to ask the employer",
    )
    q.add_argument(
        "--generator",
        help="offline (default), or llm / refine once a model is configured (docs/llm.md)",
    )
    q.add_argument("--jurisdiction", help="compliance rules to apply (default US)")
    q.add_argument("--stream", action="store_true", help="print questions as they are checked")
    q.add_argument(
        "--role", help="role profile (YAML): the same core questions for every candidate"
    )
    q.set_defaults(func=cmd_questions)

    role = sub.add_parser("role", help="role profiles for structured interviews")
    role_sub = role.add_subparsers(dest="role_command", required=True, metavar="ACTION")
    init = role_sub.add_parser("init", help="derive a role profile from a job description")
    init.add_argument("--job", required=True, help="job description file")
    init.add_argument("--out", help="write the profile here (default: standard output)")
    init.add_argument("--force", action="store_true", help="replace an existing --out file")
    init.set_defaults(func=cmd_role_init)

    r = sub.add_parser("rounds", help="list round types")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_rounds)

    p = sub.add_parser("plugins", help="list plugins with versions and hooks")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_plugins)

    i = sub.add_parser("index", help="add your own guidance documents to the index")
    i.add_argument("paths", nargs="+", help="files or folders (.md .txt .pdf .docx .html)")
    i.set_defaults(func=cmd_index)

    s = sub.add_parser("search", help="search the guidance corpus")
    s.add_argument("query")
    s.add_argument("-k", type=int, default=5, help="passages to show")
    s.add_argument("--purpose", help="only passages for this purpose")
    s.add_argument("--round", help="only passages for this round")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    v = sub.add_parser("serve", help="run the HTTP API and upload page")
    v.add_argument("--host", default=None)
    v.add_argument("--port", type=int, default=None)
    v.add_argument("--workers", type=int, default=None)
    v.add_argument("--reload", action="store_true")
    v.set_defaults(func=cmd_serve)

    from .batch import add_command as add_batch
    from .cli_debrief import add_commands

    add_batch(sub)
    add_commands(sub)

    e = sub.add_parser("eval", help="measure kit quality over eval/cases")
    e.add_argument("eval_args", nargs=argparse.REMAINDER)
    e.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["eval"]:
        # argparse's REMAINDER drops options that come first ("eval --report"), so the
        # evaluation's own parser takes everything after the command.
        args = argparse.Namespace(func=cmd_eval, eval_args=argv[1:])
    else:
        args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except SecondRoundError as exc:
        print(f"secondround: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("SECONDROUND_DEBUG"):
            raise
        print(
            f"secondround: internal error ({type(exc).__name__}: {exc}); this is a bug: please "
            "report it (set SECONDROUND_DEBUG=1 for details).",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
