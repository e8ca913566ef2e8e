"""twitchwise: understand, track and measure involuntary muscle movements.

This is information, not a diagnosis.
"""

__version__ = "0.1.0"
