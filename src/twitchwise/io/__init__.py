"""Adapters that read and write twitchwise data in outside formats (CSV, JSON, FHIR)."""
