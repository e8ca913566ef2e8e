"""Which number to call in an emergency, by region: the lookup the web app and the CLI share.

The region is an ISO 3166-1 alpha-2 code (``GB``, ``US``, ``DE``...). It comes from the
person's setting, else ``TWITCHWISE_REGION``, else the region of the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``en_GB.UTF-8`` is ``GB``), else none; without a
known region the answer is 112, which reaches the emergency services from any mobile
phone in the European Union and is redirected on many other networks, and the person is
asked to choose their region in the settings.
Numbers: NHS (999 in the UK), European Commission (112 across the EU, the EEA and Switzerland), FCC (911 in the US),
CRTC (911 in Canada), Australian Government Triple Zero (000), NZ Police (111).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

#: Environment variable naming the region (ISO 3166-1 alpha-2).
REGION_ENV = "TWITCHWISE_REGION"
#: The number used when the region is unknown.
FALLBACK_NUMBER = "112"
_EUROPE_112 = {
    "AT": "Austria", "BE": "Belgium", "BG": "Bulgaria", "HR": "Croatia", "CY": "Cyprus", "CZ": "Czechia",
    "DK": "Denmark", "EE": "Estonia", "FI": "Finland", "FR": "France", "DE": "Germany", "GR": "Greece",
    "HU": "Hungary", "IE": "Ireland", "IT": "Italy", "LV": "Latvia", "LT": "Lithuania", "LU": "Luxembourg",
    "MT": "Malta", "NL": "Netherlands", "PL": "Poland", "PT": "Portugal", "RO": "Romania", "SK": "Slovakia",
    "SI": "Slovenia", "ES": "Spain", "SE": "Sweden", "NO": "Norway", "IS": "Iceland", "CH": "Switzerland",
}  # fmt: skip
#: Region code -> (name, emergency number).
REGIONS: dict[str, tuple[str, str]] = {
    "GB": ("United Kingdom", "999"),
    "US": ("United States", "911"),
    "CA": ("Canada", "911"),
    "AU": ("Australia", "000"),
    "NZ": ("New Zealand", "111"),
    **{code: (name, "112") for code, name in _EUROPE_112.items()},
}


@dataclass(frozen=True)
class EmergencyNumber:
    """The number to call, and for where.

    Attributes
    ----------
    number : str
        Digits to dial (``tel:`` link target).
    region : str or None
        ISO 3166-1 alpha-2 code, or None when no region is known.
    region_name : str
        Plain name of the region ("" when unknown).
    """

    number: str
    region: str | None
    region_name: str

    @property
    def tel(self) -> str:
        """The ``tel:`` URI."""
        return f"tel:{self.number}"


def normalise_region(value: str | None) -> str | None:
    """A known region code from ``value`` (any case, spaces ignored), else None."""
    code = (value or "").strip().upper()
    return code if code in REGIONS else None


def region_from_locale(locale: str | None) -> str | None:
    """The region of a POSIX locale name (``en_GB.UTF-8`` -> ``GB``; ``C`` -> None)."""
    text = (locale or "").split(".", 1)[0].split("@", 1)[0]
    _, sep, territory = text.partition("_")
    return normalise_region(territory) if sep else None


def default_region(environ: Mapping[str, str] | None = None) -> str | None:
    """``TWITCHWISE_REGION`` if it names a known region, else the locale's region, else None."""
    env = os.environ if environ is None else environ
    configured = normalise_region(env.get(REGION_ENV))
    if configured:
        return configured
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return region_from_locale(env[name])
    return None


def emergency_number(region: str | None = None, environ: Mapping[str, str] | None = None) -> EmergencyNumber:
    """The emergency number for ``region`` (a code), else for :func:`default_region`, else 112."""
    code = normalise_region(region) or default_region(environ)
    if code is None:
        return EmergencyNumber(FALLBACK_NUMBER, None, "")
    name, number = REGIONS[code]
    return EmergencyNumber(number, code, name)


def region_choices() -> list[tuple[str, str]]:
    """``(code, "Name (number)")`` for every known region, by name."""
    return sorted(((code, f"{name} ({number})") for code, (name, number) in REGIONS.items()), key=lambda c: c[1])


#: What to do while waiting for help, for any emergency (plain, safe for every cause).
WHILE_WAITING: tuple[str, ...] = (
    "Tell the call handler what happened and what time it started.",
    "Stay with someone if you can, and unlock the door so help can get in.",
    "Do not drive yourself.",
    "Do not eat or drink anything until a doctor has seen you.",
    "Keep your medicines, or a list of them, with you to show.",
)
#: Where the emergency advice comes from.
SOURCE = {"publisher": "NHS", "title": "When to call 999", "year": 2024,
          "url": "https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/"}  # fmt: skip
