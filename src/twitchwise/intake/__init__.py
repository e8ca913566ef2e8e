"""Free-text intake: a narrative in, a case (with the text span of every finding) out.

Built on medspaCy (target matcher and ConText) with a lexicon generated from the
knowledge base. See docs/intake.md.
"""

from twitchwise.domain.input_bounds import MAX_NARRATIVE_CHARS
from twitchwise.intake.extracted import ExtractedFinding
from twitchwise.intake.narrative_parser import NarrativeParser, ParsedNarrative, check_narrative

__all__ = ["MAX_NARRATIVE_CHARS", "ExtractedFinding", "NarrativeParser", "ParsedNarrative", "check_narrative"]
