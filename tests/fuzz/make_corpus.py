"""Write the fuzz corpus (``tests/fuzz/corpus/*.jsonl``): bad inputs every entry point must refuse.

Run ``python tests/fuzz/make_corpus.py`` after changing it; the output is deterministic and
committed. Each line is ``{"input": ...}`` (JSON bodies as text, so that NaN, huge integers and
deep nesting survive) or, for CSV files, ``{"csv": ...}``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).parent / "corpus"
RNG = random.Random(15)

BAD_WHENS = [
    "0001-01-01T00:00", "9999-12-31T23:59", "1800-01-01T10:00", "1899-12-31T23:59", "2999-01-01", "3000-06-01T12:00",
    "' OR 1=1 --", "\"; DROP TABLE episodes; --", "yesterday 25:00", "yesterday 10:61", "today 24:00",
    "99:99", "1e309", "NaN", "<script>", "now\x00", "\x1b[2J", "ago", "x" * 61, "999999999 h ago",
    "10 lightyears ago", "tomorrow 23:00 +1000 years", "%s%s%s", "{}", "[]",
]  # fmt: skip
BAD_WHENS += [f"{y:04d}-01-01T00:00" for y in RNG.sample(range(1, 1900), 150)]
BAD_WHENS += [f"{y}-06-01" for y in RNG.sample(range(2028, 10000), 150)]
BAD_WHENS += [f"yesterday {h}:{m:02d}" for h, m in zip(RNG.sample(range(24, 99), 30), RNG.sample(range(0, 60), 30),
                                                       strict=True)]  # fmt: skip
NUMBER_FIELDS = {"caffeine_mg": 5000, "sleep_h": 24, "stress": 10, "alcohol_units": 100, "fluids_l": 20}
BAD_NUMBERS = ["true", "false", '"12"', '"7"', "-1", "1e309", "-1e309", "NaN", "Infinity", "-Infinity",
               "1" + "0" * 5000, "[]", "{}", '"nan"', "99999999999"]  # fmt: skip


def episodes() -> list[str]:
    out = [json.dumps({"kind": "cramp", "site": "calf", "when": w}) for w in BAD_WHENS]
    base = '{"kind": "cramp", "site": "calf", '
    for value in ["true", '"5"', "-1", "11", "1.5", "NaN", "1" + "0" * 5000, "null", "[]"]:
        out.append(base + f'"intensity": {value}}}')
    for value in ['"forever"', "-1", "86401", "NaN", "Infinity", "true", '""']:
        out.append(base + f'"lasted": {value}}}')
    for field, value in [("kind", "sneeze"), ("site", "elbow"), ("side", "up"), ("notes", "n" * 2001),
                         ("kind", ""), ("site", "x" * 41), ("extra", "field")]:  # fmt: skip
        out.append(json.dumps({"kind": "cramp", "site": "calf", field: value}))
    out += [json.dumps({"kind": "cramp", "site": "calf", "symptoms": [s]}) for s in ["sneezing", "x" * 41, "DROP"]]
    out += [base + '"notes": "\\ud800"}', base + '"notes": 5}', "[" * 5000 + "]" * 5000, '{"kind": "cramp"',
            "", "null", "[]", '"cramp"', '{"kind": "cramp", "site": "calf"} trailing']  # fmt: skip
    return out


def checkins() -> list[str]:
    out = [f'{{"{field}": {value}}}' for field in NUMBER_FIELDS for value in BAD_NUMBERS]
    out += [f'{{"{field}": {limit * 1.5 + 1}}}' for field, limit in NUMBER_FIELDS.items()]
    out += ['{"strenuous_exercise": 1}', '{"strenuous_exercise": "yes"}', '{"notes": "' + "n" * 2001 + '"}',
            '{"notes": "\\udfff"}', '{"unknown": 1}', "[" * 3000 + "]" * 3000]  # fmt: skip
    return out


def days() -> list[str]:
    return ["0001-01-01", "1899-12-31", "9999-12-31", "2999-01-01", "2024-02-30", "yesterday 25:00", "' OR 1=1 --"]


def assess_bodies() -> list[str]:
    out = ["[" * n + "]" * n for n in (40, 100, 1000, 5000)]
    out += ['{"a":' * n + "1" + "}" * n for n in (40, 200)]
    out += ['{"age": ' + "9" * n + "}" for n in (21, 100, 5000)]
    out += ['{"age": NaN}', '{"age": Infinity}', '{"age": -Infinity}', '"\\ud800"', '{"sites": ["\\udc00"]}',
            "{", '{"sites": [', "", "nul", '{"sites": "eyelid"', "\x00"]  # fmt: skip
    return out


#: Bytes no UTF-8 decoder takes, as the corpus stores them (lone surrogates, written with
#: ``surrogatepass``; on a command line invalid UTF-8 arrives as exactly such characters).
BAD_TEXT = ["\udcff", "a\udcffb", "\ud800", "x\udfff", "\udc80\udc80", "ok \ud83d then"]


def json_bodies() -> list[str]:
    """Bodies every JSON route (parse, interview, episodes, check-ins) must refuse with a sentence."""
    out = ['{"text": "eyelid ' + t + '"}' for t in BAD_TEXT]  # raw: invalid UTF-8 bytes on the wire
    out += ['{"text": ' + "9" * n + "}" for n in (21, 5000)]
    out += ['{"text": NaN}', '{"text": -Infinity}', '{"text": 1e400}', "[" * 40 + "]" * 40,
            '{"a":' * 40 + "1" + "}" * 40, '{"answers": [' + "[" * 35 + "]" * 35 + "]}"]  # fmt: skip
    return out


def cli_text() -> list[str]:
    """Notes, medicine names and descriptions the CLI must refuse in one sentence (exit 2)."""
    return [*BAD_TEXT, *(f"my eyelid twitches {t}" for t in BAD_TEXT)]


def csv_files() -> list[str]:
    header = ("record,start,tz,duration_s,site,side,kind,intensity,symptoms,day,caffeine_mg,sleep_h,stress,"
              "strenuous_exercise,alcohol_units,fluids_l,logged,name,med_start,med_stop,dose,notes")  # fmt: skip
    good = "episode,2024-05-01T08:00:00+00:00,UTC,1.0,calf,left,cramp,3,,,,,,,,,,,,,,note"
    out = [header + "\n" + good + "\n" + good.replace("2024-05-01", w[:10]) + "\n"
           for w in BAD_WHENS if w[:4].isdigit() and len(w) >= 10]
    out += [header + "\n" + good + "\n" + good.replace(",3,", f",{v},") + "\n" for v in ["11", "-1", "x", "1.5", "nan"]]
    out += [header + "\n" + good + "\n" + good.replace(",1.0,", f",{v},") + "\n" for v in ["nan", "inf", "-1", "1e309"]]
    out += [header + "\n" + good + "\n" + good.replace(",calf,", f",{v},") + "\n" for v in ["elbow", "", "CALF!"]]
    out += [header + "\n" + good + "\n" + good + ",extra\n", header + "\n" + good + '\nepisode,"cut inside a no',
            header + "\n" + good[:-4] + "x" * 140_000 + "\n", header.replace("notes", "evil") + "\n" + good + "\n",
            "no header\n" + good + "\n", header + "\n" + good + "\nday,9999-01-01" + "," * 20 + "\n",
            header + "\n" + good + "\nday,0001-01-01" + "," * 20 + "\n",
            header + "\n" + good + "\nmedication" + "," * 16 + "sertraline,0001-01-01,,,\n",
            header + "\n" + good + "\nday,2024-05-01,nan" + "," * 19 + "\n"]  # fmt: skip
    return out


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    for name, items, key in [("api_episodes", episodes(), "input"), ("api_checkins", checkins(), "input"),
                             ("api_days", days(), "input"), ("api_assess", assess_bodies(), "input"),
                             ("cli_when", BAD_WHENS, "input"), ("cli_import_csv", csv_files(), "csv"),
                             ("api_json_bodies", json_bodies(), "input"),
                             ("cli_text", cli_text(), "input")]:  # fmt: skip
        lines = [json.dumps({key: item}, ensure_ascii=True) for item in items]
        (HERE / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(lines)}")


if __name__ == "__main__":
    main()
