"""A listed skill is shown by a bullet that uses another form of its words ("threat
hunting" / "threat hunts", "Storyboarding" / "wrote storyboards"), never by a line that
only shares the first letters of a word."""

from __future__ import annotations

import pytest

from secondround.core.models import Analysis, FactKind
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.settings import Settings
from tests.index_fixture import TODAY, engine_settings  # noqa: F401

RESUME = """\
Dana Whitlock
Security Analyst

EXPERIENCE
Security Analyst, Fernhollow Bank
Mar 2022 – Present
• Run fortnightly threat hunts over firewall and VPN logs
• Wrote storyboards for three phishing-awareness videos
• Keep the on-call roster for a team of six analysts
• Moved our ticket queue onto a new marketplace app

Analyst, Pebblebrook Insurance
Jan 2019 – Feb 2022
• Triaged around 40 alerts a day from the SIEM

SKILLS
Threat hunting, Storyboarding, Rostering, Marketing, Malware reverse engineering
"""


def _analysis(settings: Settings) -> Analysis:
    return Engine(settings).prepare(KitRequest(resume_text=RESUME, today=TODAY))


def _kinds(analysis: Analysis) -> dict[str, FactKind]:
    kinds = (FactKind.skill_evidenced, FactKind.skill_unevidenced)
    return {(f.skill or "").lower(): f.kind for f in analysis.facts if f.kind in kinds}


@pytest.mark.parametrize("skill", ["threat hunting", "storyboarding", "rostering"])
def test_a_skill_a_bullet_shows_in_another_form_is_evidenced(
    engine_settings: Settings,  # noqa: F811
    skill: str,
) -> None:
    assert _kinds(_analysis(engine_settings))[skill] is FactKind.skill_evidenced


@pytest.mark.parametrize("skill", ["marketing", "malware reverse engineering"])
def test_a_line_sharing_only_the_start_of_a_word_is_no_evidence(
    engine_settings: Settings,  # noqa: F811
    skill: str,
) -> None:
    # "marketplace" begins like "marketing"; nothing on the resume reverses malware.
    assert _kinds(_analysis(engine_settings))[skill] is FactKind.skill_unevidenced
