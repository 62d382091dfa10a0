"""One header line that names several posts at one employer.

Resumes often write a promotion on a single line: "Acme Ltd - Buyer (2016-2020); Senior
Buyer (2020-present)", or under an employer line "Buyer 2016-2020, Senior Buyer
2020-present". The role parser anchors a role on the first date range of a line, so such
a line would read as one post with the first post's dates; here it becomes one role per
post, each with its own title and dates, at the employer the line names.
"""

from __future__ import annotations

import re

from ..models import Role, Span
from .dates import DateRange
from .resume_text import DateIndex
from .role_headers import is_location, org_score, split_header, tidy, title_score

__all__ = ["split_posts"]

# What may sit between one post's dates and the next post's title: a closing bracket,
# then a separator ("); ", ", ", " | ", " / ", " and ").
_BETWEEN = re.compile(r"^[\s)\]]*(?:[,;|/·•]|\band\b|[—–-](?=\s))?[\s(\[]*")
# What may follow a post's title before its dates: an opening bracket or a separator.
_BEFORE_DATES = re.compile(r"[\s,;|·•(\[—–-]*$")


def split_posts(roles: list[Role], text: str, dates: DateIndex) -> list[Role]:
    """Each role whose title line holds two or more posts, each with its dates, split
    into one role per post; every other role as it was."""
    out: list[Role] = []
    for role in roles:
        out.extend(_posts(role, text, dates) or [role])
    return out


def _posts(role: Role, text: str, dates: DateIndex) -> list[Role] | None:
    if role.date_span is None:
        return None
    line_start = text.rfind("\n", 0, role.date_span.start) + 1
    line_end = text.find("\n", role.date_span.start)
    line_end = len(text) if line_end < 0 else line_end
    ranges = [
        d
        for d in dates.in_span(role.date_span.start, line_end)
        if d.start is not None and (not d.single or d.current)
    ]
    if len(ranges) < 2 or ranges[0].span != role.date_span:
        return None
    posts: list[tuple[str, Span, DateRange]] = []
    cursor = line_start
    for n, dr in enumerate(ranges):
        gap = text[cursor : dr.span.start]
        lead = _BETWEEN.match(gap) if n else None
        begin = cursor + (lead.end() if lead else 0)
        tail = _BEFORE_DATES.search(text[begin : dr.span.start])
        words = text[begin : begin + (tail.start() if tail else 0)]
        if n and not _post_title(words):
            return None  # "2010–2015, 2017–2019": two spells of one post, not two posts
        posts.append((words, Span(start=begin, end=dr.span.end), dr))
        cursor = dr.span.end
    if text[cursor:line_end].strip(" )]") and not is_location(text[cursor:line_end]):
        return None  # words after the last dates: not a list of posts
    roles: list[Role] = []
    for n, (words, span, dr) in enumerate(posts):
        title = role.title if n == 0 else _title_of(words, role)
        if n == 0:
            # The first post's header runs from the role's first header line (an
            # employer line above, or the employer on this line) to its dates.
            span = Span(start=role.header_span.start, end=span.end)
            title = _title_of(words, role) or role.title
        header = text[span.start : span.end]
        latest = n == len(posts) - 1
        roles.append(
            role.model_copy(
                update={
                    "title": title,
                    "start": dr.start,
                    "end": None if dr.current else (dr.end or dr.start),
                    "current": dr.current,
                    "header": header,
                    "header_span": span,
                    "date_span": dr.span,
                    # The duties under the line are written for the post held last.
                    "bullets": role.bullets if latest else [],
                }
            )
        )
    return roles


def _post_title(words: str) -> bool:
    """A later post on the line is named by a short title of its own."""
    words = words.strip()
    return (
        bool(words)
        and (words[:1].isupper() or bool(title_score(words)))
        and len(words.split()) <= 8
        and not is_location(words)
        and not org_score(words)
    )


def _title_of(words: str, role: Role) -> str | None:
    """The title a post's words name: the part that is not the employer or the place."""
    title, org, place = split_header(words)
    if title is None and org is not None and org != role.organisation:
        title = org  # a post's words alone, beside an employer named elsewhere
    if title is None and place is None and org is None:
        title = tidy(words)
    return title
