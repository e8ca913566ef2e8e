"""Migration revisions of the diary schema."""
