"""Every resume in a folder gives a kit or a clear error: never a traceback.

    python scripts/check_shared_resumes.py ../shared/data/resumes

Run by .ci/run when the shared real-world data is present (it is not part of the unit
suite, which must pass from a fresh clone). For each file it builds a 12-question
second-round kit in-process and checks that every evidence quote is an exact substring
of the extracted text. Exit status 1 on any crash or ungrounded quote.
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

from secondround.core.errors import SecondRoundError
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.settings import Settings

# A resume that takes this long is a bug (a hang), not a slow file.
PER_FILE_SECONDS = 60


class _TimedOut(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _TimedOut


def main(folder: str) -> int:
    signal.signal(signal.SIGALRM, _alarm)
    engine = Engine(Settings())
    engine.ensure_index()
    failures = 0
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    for path in files:
        request = KitRequest(resume=path.read_bytes(), filename=path.name, count=12)
        started = time.perf_counter()
        signal.alarm(PER_FILE_SECONDS)
        try:
            document = engine.read(request)
            kit = engine.build_kit(request)
        except _TimedOut:
            failures += 1
            print(f"HANG         {path.name}: no kit or error after {PER_FILE_SECONDS} s")
            continue
        except SecondRoundError as exc:
            print(f"clear error  {path.name}: {exc.message}")
            continue
        except Exception as exc:  # the point of this script: nothing may crash
            failures += 1
            print(f"CRASH        {path.name}: {type(exc).__name__}: {exc}")
            continue
        finally:
            signal.alarm(0)
        ms = (time.perf_counter() - started) * 1000
        bad = [
            e.quote
            for q in kit.questions
            for e in q.evidence
            if e.source.value == "resume" and e.quote not in document.text
        ]
        if bad:
            failures += 1
            print(f"UNGROUNDED   {path.name}: {bad[:2]}")
            continue
        print(
            f"kit {len(kit.questions):>2} qs  {path.name} ({kit.meta.facts_found} facts, "
            f"{len(kit.warnings)} warnings, {ms:.0f} ms)"
        )
    print(f"\n{len(files)} files, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/resumes"))
