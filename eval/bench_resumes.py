"""Realistic resumes of 1, 2 and 5 pages for the speed profile, rendered as PDFs.

One invented career (a platform engineer with twelve roles, projects, talks and papers)
is cut to length: the most telling blocks first (summary, latest roles, skills,
education), older roles and extras after, and the longest selection that fills exactly
the requested number of pages is rendered. Same input, same bytes: the PDF's creation
date is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

NAME = "Morgan Ellis"
CONTACT = "morgan.ellis@example.com | +1 312 555 0142 | Chicago, IL | github.com/morgan-ellis"
SECTIONS = (
    "Summary",
    "Experience",
    "Projects",
    "Publications and talks",
    "Talks and workshops",
    "Certifications",
    "Skills",
    "Education",
)
_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Block:
    section: str
    lines: tuple[str, ...]
    priority: int  # lower is kept first


def _role(title: str, org: str, dates: str, bullets: list[str]) -> tuple[str, ...]:
    return (f"{title}, {org}, {dates}", *(f"- {b}" for b in bullets))


ROLES = [
    _role(
        "Principal Platform Engineer",
        "Lakeshore Payments",
        "Apr 2022 - Present",
        [
            "Led the migration of 140 services from virtual machines to Kubernetes, cutting median "
            "deploy time from 45 minutes to 6 minutes",
            "Designed the Kafka event backbone that carries 3 billion events a day at 99.99% "
            "availability across two regions",
            "Introduced blameless incident reviews; pages per on-call week fell by 40% in a year",
            "Manage a team of 7 engineers in Chicago and Toronto and run the platform roadmap",
            "Responsible for capacity planning and vendor negotiations with the cloud provider",
        ],
    ),
    _role(
        "Staff Software Engineer",
        "Northwind Logistics",
        "Jun 2018 - Mar 2022",
        [
            "Built the route-optimisation API in Go and PostgreSQL serving 2,000 requests a second",
            "Reduced cloud spend by $400k a year by right-sizing clusters and adding autoscaling",
            "Added OpenTelemetry tracing across 40 services and cut time-to-diagnose by half",
            "Mentored five engineers, two of whom were promoted to senior",
        ],
    ),
    _role(
        "Senior Software Engineer",
        "Contoso Retail",
        "Aug 2015 - May 2018",
        [
            "Developed inventory synchronisation jobs in Python and Airflow for 300 stores",
            "Helped with the migration of the order database to PostgreSQL",
            "Cut nightly batch time from 6 hours to 40 minutes by partitioning the largest tables",
        ],
    ),
    _role(
        "Software Engineer",
        "Fabrikam Software",
        "Jan 2013 - Jun 2014",
        [
            "Maintained internal reporting tools in C# and SQL Server used by 1,200 staff",
            "Wrote the first automated test suite for the billing module (coverage from 8% to 61%)",
        ],
    ),
    _role(
        "Freelance Developer",
        "Self-employed",
        "Jul 2014 - Jul 2015",
        [
            "Built booking and payment sites for eleven small businesses in Django and Stripe",
            "Ran hosting and backups for the sites on a single managed server",
        ],
    ),
    _role(
        "Junior Developer",
        "Tailspin Toys",
        "Sep 2011 - Dec 2012",
        [
            "Wrote warehouse scanning tools in Java for handheld devices",
            "Supported the ERP upgrade; on call for the distribution centre at weekends",
        ],
    ),
    _role(
        "Graduate Engineer",
        "Woodgrove Bank",
        "Sep 2010 - Aug 2011",
        [
            "Rotated through payments, risk and infrastructure teams",
            "Automated a monthly reconciliation report, saving the risk team two days a month",
        ],
    ),
    _role(
        "Software Engineering Intern",
        "Adatum Corporation",
        "Jun 2009 - Aug 2009",
        [
            "Built a prototype search page for the internal wiki in Lucene",
        ],
    ),
    _role(
        "Teaching Assistant",
        "University of Wisconsin-Madison",
        "Sep 2008 - May 2010",
        [
            "Ran weekly lab sections in data structures for 60 students",
            "Wrote autograder tests for programming assignments",
        ],
    ),
    _role(
        "IT Support Technician",
        "Madison Public Library",
        "Jun 2007 - Aug 2008",
        [
            "Supported 80 public computers and the branch network",
        ],
    ),
    _role(
        "Volunteer Developer",
        "Code for Chicago",
        "Jan 2019 - Present",
        [
            "Maintain the open-data portal for food-pantry locations used by 30 pantries",
            "Organise a monthly hack night of about 25 volunteers",
        ],
    ),
    _role(
        "Board Member",
        "Chicago Tech Mentors",
        "Mar 2020 - Present",
        [
            "Oversee a mentoring programme pairing 120 career changers with engineers each year",
        ],
    ),
]

# Further detail on the six latest roles: what a long, senior CV adds.
ROLE_DETAILS = [
    [
        "Set the service-level objectives for payments APIs and tied alerting to error budgets",
        "Ran the vendor evaluation that moved secrets management to a managed service",
        "Wrote the platform team's hiring loop; hired 9 engineers over two years",
        "Partnered with security on SOC 2 Type II evidence collection for the platform",
        "Chaired the architecture review board for changes touching money movement",
    ],
    [
        "Owned the Postgres fleet of 60 clusters, including upgrades from version 9.6 to 13",
        "Designed the blue-green release process that removed weekend deploy windows",
        "Led the on-call rotation of 12 engineers and rewrote the runbooks",
        "Built the internal developer portal listing 200 services and their owners",
    ],
    [
        "Introduced code review and a shared style guide across three teams",
        "Moved store inventory feeds from FTP batches to an event stream",
        "Built dashboards for store operations managers in Grafana",
        "Trained store IT staff on the new synchronisation tooling",
    ],
    [
        "Migrated the reporting tools from ASP.NET Web Forms to MVC",
        "Handled second-line support for finance users during month-end close",
    ],
    [
        "Won repeat work from eight of the eleven clients",
        "Wrote fixed-price proposals and managed scope with each client",
    ],
    [
        "Rewrote the label printing service, cutting mis-picks at the distribution centre by 15%",
        "Documented the warehouse systems for the ERP upgrade team",
    ],
]

PROJECTS = [
    (
        "kube-budget",
        "open-source cost reporting for Kubernetes clusters; 1,200 GitHub stars, "
        "40 contributors, used by teams at three public companies",
    ),
    ("pg-partman-helper", "tooling to partition large PostgreSQL tables online without downtime"),
    (
        "trace-sampler",
        "a tail-based sampling proxy for OpenTelemetry that cut tracing storage by "
        "70% in production",
    ),
    ("chaos-days", "a playbook and scripts for quarterly game days; adopted by four teams"),
    (
        "incident-bot",
        "a Slack bot that opens incident channels, pages owners and drafts the "
        "timeline for the review",
    ),
    ("schema-guard", "a CI check that blocks backwards-incompatible Protobuf changes"),
    ("load-lab", "a reproducible load-testing harness with k6 and Grafana dashboards"),
    ("route-sim", "a simulator for delivery routes used to test the optimisation API"),
    ("pantry-map", "the open-data map of Chicago food pantries, rebuilt with volunteers in 2021"),
    ("gh-review-stats", "a report on code-review latency per team, used in engineering reviews"),
    ("terraform-lint-rules", "a set of custom lint rules enforcing tagging and encryption"),
    ("dns-failover-tests", "automated monthly tests of regional DNS failover"),
]

PUBLICATIONS = [
    'M. Ellis, "Moving 140 services to Kubernetes without a freeze", KubeCon North America, 2023',
    'M. Ellis and J. Park, "Tail-based sampling at three billion events a day", SREcon, 2022',
    'M. Ellis, "What blameless really means", Chicago DevOps Meetup, 2021',
    'M. Ellis, "Partitioning PostgreSQL online", PGConf US, 2019',
    'M. Ellis et al., "Cost-aware autoscaling for batch workloads", USENIX ;login:, 2020',
    'M. Ellis, "Route optimisation as a service", GopherCon, 2019',
    'M. Ellis, "Testing what you cannot stage", Strange Loop, 2018',
    'M. Ellis, "Incident reviews that change things", internal engineering blog series, 2022',
    'M. Ellis, "Kafka consumer lag as an SLO", Kafka Summit, 2023',
    'M. Ellis, "Mentoring career changers into engineering", Chicago Tech Mentors, 2021',
    'M. Ellis, "Error budgets for payments", SRE Day Chicago, 2024',
    'M. Ellis, "A developer portal in six weeks", Platform Engineering Day, 2023',
    'M. Ellis and R. Diaz, "Blue-green releases for stateful services", DevOpsDays, 2020',
    'M. Ellis, "Postgres upgrades at fleet scale", PGConf US, 2021',
    'M. Ellis, "Hiring loops that measure the job", LeadDev, 2024',
    'M. Ellis, "On-call that people volunteer for", SREcon, 2024',
    'M. Ellis, "Open data for food pantries", Code for America Summit, 2022',
    'M. Ellis, "Cost reports engineers read", FinOps X, 2023',
]

# A long CV lists every talk and workshop; these are combined from topics and venues in a
# fixed order, so the list is long, plausible and the same every time.
_TOPICS = [
    "Kubernetes migrations",
    "event streaming",
    "incident reviews",
    "error budgets",
    "Postgres at scale",
    "tracing",
    "cost-aware autoscaling",
    "developer portals",
    "on-call health",
    "release engineering",
    "capacity planning",
    "mentoring",
]
_VENUES = [
    "Chicago DevOps Meetup",
    "Go Chicago",
    "Postgres Chicago",
    "SRE Chicago",
    "Cloud Native Chicago",
    "Madison Tech Week",
    "Midwest Platform Day",
]
TALKS = [
    f'Talk: "Lessons from {topic}", {venue}, {2012 + (i * 5 + j) % 13}'
    for i, topic in enumerate(_TOPICS)
    for j, venue in enumerate(_VENUES)
]

CERTIFICATIONS = [
    "Certified Kubernetes Administrator (CKA), 2020",
    "AWS Certified Solutions Architect - Associate, 2019 (expired 2022)",
    "HashiCorp Certified: Terraform Associate, 2021",
]
SKILLS = [
    "Go, Python, SQL, Java, C#, Kubernetes, Terraform, Kafka, PostgreSQL, Airflow, AWS, GCP,",
    "OpenTelemetry, Prometheus, Grafana, gRPC, Protobuf, Redis, Django, k6, Linux",
]
EDUCATION = [
    "MSc Computer Science, University of Wisconsin-Madison, 2008 - 2010",
    "BSc Computer Science, University of Wisconsin-Madison, 2004 - 2008",
]


def blocks() -> list[Block]:
    out = [
        Block(
            "Summary",
            (
                "Platform engineer with fifteen years building payments and logistics "
                "infrastructure. Leads migrations, mentors engineers and runs incident "
                "reviews that change how teams work.",
            ),
            0,
        ),
        Block("Skills", tuple(SKILLS), 3),
        Block("Education", tuple(EDUCATION), 4),
        Block("Certifications", tuple(CERTIFICATIONS), 6),
    ]
    role_priority = [1, 2, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]
    for i, (lines, p) in enumerate(zip(ROLES, role_priority, strict=True)):
        out.append(Block("Experience", lines, p))
        if i < len(ROLE_DETAILS):
            detail = tuple(f"- {b}" for b in ROLE_DETAILS[i])
            out.append(Block("Experience", detail, 40 + i))
    out += [
        Block("Projects", (f"{name}: {text}",), 20 + i) for i, (name, text) in enumerate(PROJECTS)
    ]
    out += [Block("Publications and talks", (line,), 50 + i) for i, line in enumerate(PUBLICATIONS)]
    out += [Block("Talks and workshops", (line,), 100 + i) for i, line in enumerate(TALKS)]
    return out


def _render(chosen: list[Block], name: str = NAME, contact: str = CONTACT) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED_DATE)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 6, contact, new_x="LMARGIN", new_y="NEXT")
    for section in SECTIONS:
        members = [b for b in chosen if b.section == section]
        if not members:
            continue
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 8, section, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for block in members:
            for n, line in enumerate(block.lines):
                bold = section == "Experience" and n == 0 and not line.startswith("- ")
                pdf.set_font("Helvetica", "B" if bold else "", 11)
                pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            if section == "Experience":
                pdf.ln(1.5)
    return bytes(pdf.output())


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def resume_pdf(pages: int) -> bytes:
    """The longest selection of blocks that renders to exactly ``pages`` pages."""
    every = blocks()
    order = {b: i for i, b in enumerate(every)}
    ranked = sorted(every, key=lambda b: b.priority)

    def render(k: int) -> bytes:
        chosen = sorted(ranked[:k], key=lambda b: (SECTIONS.index(b.section), order[b]))
        return _render(chosen)

    # More blocks never means fewer pages: find the most blocks that fit in ``pages``.
    low, high = 1, len(ranked)
    best: bytes | None = None
    while low <= high:
        mid = (low + high) // 2
        data = render(mid)
        if _pages(data) <= pages:
            best = data if _pages(data) == pages else best
            low = mid + 1
        else:
            high = mid - 1
    if best is None:
        raise ValueError(f"the bench resume cannot be cut to exactly {pages} page(s)")
    return best


_FIRST = ("Morgan", "Avery", "Jordan", "Riley", "Casey", "Taylor", "Quinn", "Rowan", "Sasha", "Kai")
_LAST = ("Ellis", "Novak", "Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Reyes", "Byrne")


def drive_resumes(count: int) -> list[tuple[str, bytes]]:
    """``count`` distinct PDF resumes for a batch run: a file name and the bytes each.

    Each is the bench career under its own name and contact line, cut to its own length
    (mostly one or two pages, every fourth longer, up to five), the way a hiring
    drive's folder mixes short and long resumes. Deterministic.
    """
    every = blocks()
    order = {b: i for i, b in enumerate(every)}
    ranked = sorted(every, key=lambda b: b.priority)
    out = []
    for i in range(count):
        first, last = _FIRST[i % len(_FIRST)], _LAST[(i // len(_FIRST)) % len(_LAST)]
        name = f"{first} {last}" + (f" {i // (len(_FIRST) * len(_LAST)) + 1}" if i >= 90 else "")
        slug = name.lower().replace(" ", "-")
        contact = f"{slug}@example.com | +1 312 555 {i:04d} | Chicago, IL"
        # Most one or two pages, every fourth longer (up to the whole career).
        span = len(ranked) - 5 if i % 4 == 3 else 16
        keep = 6 + (i * 7) % span
        chosen = sorted(ranked[:keep], key=lambda b: (SECTIONS.index(b.section), order[b]))
        out.append((f"{i:03d}-{slug}.pdf", _render(chosen, name, contact)))
    return out
