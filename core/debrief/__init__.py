"""Stage 8, after the kit: scorecards back in, the panel debrief, the side-by-side.

The kit ends at the questions; a hiring decision does not. Interviewers rate each
question (poor, mixed, good, excellent, or not asked) with notes, in a scorecard that
carries the kit's fingerprint and question ids (``scorecard``; a filled-in Word sheet
is read back by ``word_sheet``). ``debrief`` lays the panel's ratings side by side per
purpose and competency, with the evidence behind each, what is still unknown and the
follow-up questions for it; ``compare`` does the same across candidates interviewed on
one role; ``answers`` turns one answer into probes for what it lacks, and
``answer_model`` has the configured model word those probes (``answer_prompt``: what is
sent and how each probe is checked). Nothing here says hire or reject: it lays out
evidence for people to decide.
"""
