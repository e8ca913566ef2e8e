"""Reports for people and their doctors (HTML via Jinja2, PDF via WeasyPrint)."""
