"""The knowledge base: data files in the package, validated on load."""

from twitchwise.knowledge.cache import default_data_dir
from twitchwise.knowledge.loader import load_knowledge

__all__ = ["default_data_dir", "load_knowledge"]
