"""Debriefs and comparisons as Markdown, JSON, print HTML and Word, each with its chart.

The chart is the same picture in every format: one bar per interviewer (debrief) or
candidate (comparison) for each purpose or competency, at the median rating on the
four-level scale. HTML gets it as inline SVG, Word as a PNG drawn with Pillow, Markdown
as text bars, so a debrief pasted into a ticket still shows the shape of the panel.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence

from ..errors import UnknownName
from .compare import Cell, Comparison
from .debrief import Debrief, level_name

FORMATS = ("md", "json", "html", "docx")
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {"md": ".md", "json": ".json", "html": ".html", "docx": ".docx"}
# Colour-blind-safe series colours (Okabe-Ito), cycled.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
USE_LABELS = {"next_call": "Next conversation", "reference_check": "Reference check"}

ChartRows = list[tuple[str, dict[str, float | None]]]


def render(report: Debrief | Comparison, fmt: str) -> str | bytes:
    if fmt not in FORMATS:
        raise UnknownName(f"Unknown format '{fmt}'; choose one of {', '.join(FORMATS)}.")
    if fmt == "json":
        return report.model_dump_json(indent=2)
    sections = (
        _debrief_sections(report) if isinstance(report, Debrief) else _compare_sections(report)
    )
    title, series, rows, blocks = sections
    if fmt == "md":
        return _markdown(title, series, rows, blocks)
    if fmt == "html":
        return _html(title, series, rows, blocks)
    return _docx(title, series, rows, blocks)


# A report is a title, a chart and blocks: (heading, paragraphs, table rows or None).
Block = tuple[str, list[str], list[list[str]] | None]


def _debrief_sections(d: Debrief) -> tuple[str, list[str], ChartRows, list[Block]]:
    who = f" — {d.candidate}" if d.candidate else ""
    title = f"Debrief: {d.round_title}{who}"
    groups = d.by_competency or d.by_purpose
    rows: ChartRows = []
    for g in groups:
        levels = {}
        for name, ratings in g.by_interviewer.items():
            values = [r.level for r in ratings if r.level is not None]
            levels[name] = sum(values) / len(values) if values else None
        rows.append((g.label, levels))
    blocks: list[Block] = [
        ("", [d.stance, f"Panel: {', '.join(d.interviewers)}. Kit {d.kit}."], None)
    ]
    table = [["Area", *d.interviewers, "Panel median", "Spread"]]
    for g in groups:
        cells = [
            ", ".join(r.value.replace("_", " ") for r in g.by_interviewer[n])
            for n in d.interviewers
        ]
        spread = "" if g.spread is None else str(g.spread)
        table.append([g.label, *cells, level_name(g.median_level), spread])
    kind = "competency" if d.by_competency else "purpose"
    blocks.append((f"Ratings by {kind}", [], table))
    per_q = [["#", "Question", "Ratings", "Evidence"]]
    for q in d.questions:
        given = "; ".join(f"{e.interviewer}: {e.rating.value.replace('_', ' ')}" for e in q.ratings)
        if q.disagreement:
            given += f" (disagree by {q.spread})"
        evidence = [f"{e.interviewer}: {e.notes}" for e in q.rated if e.notes]
        if q.probed:
            evidence.append(f"Probed: “{q.probed}”")
        per_q.append([str(q.number), q.text, given, " | ".join(evidence)])
    blocks.append(("Ratings and evidence by question", [], per_q))
    blocks.append(
        (
            "Still unknown",
            [u.message for u in d.unknowns]
            or ["Nothing: every question was rated with notes and the panel agrees."],
            None,
        )
    )
    if d.flagged_notes:
        blocks.append(("Notes left out", [f.message for f in d.flagged_notes], None))
    if d.follow_ups:
        lines = []
        for f in d.follow_ups:
            probe = f" (probes: “{f.probes}”)" if f.probes else ""
            lines.append(f"{USE_LABELS.get(f.use, f.use)}: {f.text}{probe} — settles: {f.settles}")
        blocks.append(("Follow-up questions for the missing evidence", lines, None))
    if d.overall_notes:
        blocks.append(("Overall notes", [f"{k}: {v}" for k, v in d.overall_notes.items()], None))
    return title, d.interviewers, rows, blocks


def _compare_sections(c: Comparison) -> tuple[str, list[str], ChartRows, list[Block]]:
    title = f"Comparison: {c.role or c.round}"
    rows: ChartRows = [
        (r.label, {n: r.cells[n].median_level for n in c.candidates}) for r in c.rows
    ]
    blocks: list[Block] = [("", [c.stance, c.scope], None)]
    table = [["Competency", *c.candidates]]
    for r in c.rows:
        table.append([r.label, *(_cell_text(r.cells[n]) for n in c.candidates)])
    blocks.append(("Side by side", [], table))
    thin = [
        f"{r.label} for {n}: {'; '.join(r.cells[n].thin)}."
        for r in c.rows
        for n in c.candidates
        if r.cells[n].thin
    ]
    blocks.append(
        (
            "Where the evidence is thin",
            thin or ["Every cell has at least two rated, noted answers."],
            None,
        )
    )
    blocks.append(
        ("What a final conversation should settle", c.settle or ["Nothing stands out."], None)
    )
    return title, c.candidates, rows, blocks


def _cell_text(cell: Cell) -> str:
    text = cell.summary
    if 0 < len(cell.ratings) <= 4:
        text += f" ({', '.join(cell.ratings)})"
    elif cell.ratings:
        text += f" ({len(cell.ratings)} ratings from {cell.interviewers} interviewers)"
    return text


# --------------------------------------------------------------------------- formats


def _markdown(title: str, series: list[str], rows: ChartRows, blocks: list[Block]) -> str:
    out = [f"# {title}", "", "```text", *_text_chart(series, rows), "```", ""]
    for heading, paragraphs, table in blocks:
        if heading:
            out += [f"## {heading}", ""]
        bullets = heading != ""
        out += [f"- {p}" if bullets else p for p in paragraphs]
        if paragraphs:
            out.append("")
        if table:
            out.append("| " + " | ".join(table[0]) + " |")
            out.append("|" + "---|" * len(table[0]))
            for row in table[1:]:
                out.append(
                    "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in row) + " |"
                )
            out.append("")
    return "\n".join(out)


def _text_chart(series: list[str], rows: ChartRows) -> list[str]:
    width = max((len(label) for label, _ in rows), default=10)
    name_w = max((len(s) for s in series), default=5)
    lines = ["Median rating, 1 poor · 2 mixed · 3 good · 4 excellent"]
    for label, levels in rows:
        for i, name in enumerate(series):
            level = levels.get(name)
            bar = "█" * round((level or 0) * 5) if level else "· not rated"
            head = label if i == 0 else ""
            value = f" {level:.1f}" if level else ""
            lines.append(f"{head:<{width}}  {name:<{name_w}} {bar}{value}")
    return lines


def chart_svg(series: Sequence[str], rows: ChartRows) -> str:
    """A grouped horizontal bar chart of median ratings, as standalone SVG."""
    bar, gap, left, scale = 14, 10, 190, 80
    height = 40 + len(rows) * (len(series) * bar + gap) + 24 * ((len(series) + 2) // 3)
    width = left + 4 * scale + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        "<title>Median rating per area</title>",
    ]
    for step in range(0, 5):
        x = left + step * scale
        parts.append(f'<line x1="{x}" y1="20" x2="{x}" y2="{height - 30}" stroke="#ccc"/>')
        if step:
            parts.append(f'<text x="{x}" y="14" text-anchor="middle">{level_name(step)}</text>')
    y = 26
    for label, levels in rows:
        parts.append(
            f'<text x="{left - 8}" y="{y + bar}" text-anchor="end">{html.escape(label[:28])}</text>'
        )
        for i, name in enumerate(series):
            level = levels.get(name)
            colour = PALETTE[i % len(PALETTE)]
            w = (level or 0) * scale
            tip = f"{name}: {level_name(level)}"
            parts.append(
                f'<rect x="{left}" y="{y}" width="{w:.0f}" height="{bar - 2}" fill="{colour}">'
                f"<title>{html.escape(tip)}</title></rect>"
            )
            y += bar
        y += gap
    for i, name in enumerate(series):
        lx, ly = 10 + (i % 3) * 170, height - 20 + 18 * (i // 3) - 18 * ((len(series) - 1) // 3)
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{lx}" y="{ly - 10}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 14}" y="{ly}">{html.escape(name[:24])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_fragment(report: Debrief | Comparison) -> str:
    """The report as an HTML fragment for a page of its own (no <html>, no <style>)."""
    if isinstance(report, Debrief):
        title, series, rows, blocks = _debrief_sections(report)
    else:
        title, series, rows, blocks = _compare_sections(report)
    return f'<article class="sr-report">{_html_body(title, series, rows, blocks, 2)}</article>'


def _html_body(
    title: str, series: list[str], rows: ChartRows, blocks: list[Block], top: int = 1
) -> str:
    e = html.escape
    body = [
        f"<h{top}>{e(title)}</h{top}>",
        f'<figure class="chart">{chart_svg(series, rows)}</figure>',
    ]
    for heading, paragraphs, table in blocks:
        if heading:
            body.append(f"<h{top + 1}>{e(heading)}</h{top + 1}>")
            if paragraphs:
                body.append("<ul>" + "".join(f"<li>{e(p)}</li>" for p in paragraphs) + "</ul>")
        else:
            body += [f"<p>{e(p)}</p>" for p in paragraphs]
        if table:
            head = "".join(f'<th scope="col">{e(c)}</th>' for c in table[0])
            cells = "".join(
                "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in table[1:]
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>")
    return "".join(body)


def _html(title: str, series: list[str], rows: ChartRows, blocks: list[Block]) -> str:
    e = html.escape
    style = (
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.45;color:#1a1a1a}table{border-collapse:collapse;width:100%;margin:.5rem 0}"
        "th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}"
        "th{background:#eee}@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}"
    )
    body = _html_body(title, series, rows, blocks)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f"<style>{style}</style></head><body>{body}</body></html>"
    )


def chart_png(series: Sequence[str], rows: ChartRows) -> bytes:
    """The chart as a PNG (Word cannot show SVG everywhere)."""
    from PIL import Image, ImageDraw

    bar, gap, left, scale = 16, 12, 220, 90
    height = 50 + len(rows) * (len(series) * bar + gap) + 20 * len(series)
    image = Image.new("RGB", (left + 4 * scale + 60, height), "white")
    draw = ImageDraw.Draw(image)
    for step in range(0, 5):
        x = left + step * scale
        draw.line([(x, 22), (x, height - 20 * len(series) - 10)], fill="#cccccc")
        if step:
            draw.text((x - 20, 6), level_name(step), fill="black")
    y = 28
    for label, levels in rows:
        draw.text((8, y + 2), label[:34], fill="black")
        for i, name in enumerate(series):
            level = levels.get(name) or 0
            if level:
                draw.rectangle(
                    [left, y, left + level * scale, y + bar - 3], fill=PALETTE[i % len(PALETTE)]
                )
            y += bar
        y += gap
    for i, name in enumerate(series):
        draw.rectangle([8, y + 2, 18, y + 12], fill=PALETTE[i % len(PALETTE)])
        draw.text((24, y), name[:40], fill="black")
        y += 20
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _docx(title: str, series: list[str], rows: ChartRows, blocks: list[Block]) -> bytes:
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_heading(title, level=0)
    if rows:
        document.add_picture(io.BytesIO(chart_png(series, rows)), width=Cm(15))
    for heading, paragraphs, table in blocks:
        if heading:
            document.add_heading(heading, level=1)
        for p in paragraphs:
            document.add_paragraph(p, style="List Bullet" if heading else None)
        if table:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            grid.style = "Table Grid"
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
                    if r == 0:
                        for run in grid.cell(r, c).paragraphs[0].runs:
                            run.bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
