"""The assessment engine: pure functions and values, case in, result out."""

from twitchwise.assessment.engine import DISCLAIMER, Assessor

__all__ = ["DISCLAIMER", "Assessor"]
