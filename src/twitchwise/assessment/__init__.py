"""assessment layer."""
