"""Files the import tests write: an OKR spreadsheet (CSV) holding each situation real
teams' archives have, and the database's cycles it needs.

The sheet, by line (line 1 is the header, in other words than okrtui's own):

- 2–4: FY23-Q2 (a fiscal year from February) "Hire" by maria, graded 0.6: "Hire 5
  engineers", three check-ins on a 0–1 confidence scale, the last on 2022-08-05, in
  the week after the cycle ends (2022-07-31), with the final score 0.8;
- 5–8: a second "Hire" objective in FY23-Q2, by li: a 1,000-character statement, no
  metric and no baseline, a confidence-only check-in (line 6) and a same-day pair
  (1.0 "not present", then 0.05 "actual score", lines 7 and 8);
- 9–10: the release cycle release-3.2 (2019-02-04 to 2019-04-23), "Close 40 bugs",
  one check-in, and an undated final result (value 85, score 0.9: line 10);
- 11: li's "Hire a recruiter", graded n/a: "role cancelled".
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from okrtui.store.repository import Repository

HEADER = ["Quarter", "Objective ID", "Goal", "OKR Owner", "Objective Grade", "KR ID",
          "Key Result", "KR Owner", "Metric", "Unit", "Start value", "Target value",
          "Deadline", "Check-in date", "Actual", "Confidence", "Note", "Final score"]
LONG = ("Raise the share of engineering candidates who accept our offer, measured every "
        "week on the hiring board, by making each step of the process shorter, kinder and "
        "clearer; ")
LONG_STATEMENT = (LONG * 20)[:999] + "."
RELEASE = ("release-3.2", date(2019, 2, 4), date(2019, 4, 23))
UNDATED_LINE = 10


def _row(cycle: str, oid: str, title: str, oowner: str, ograde: str, kid: str, kr: str,
         owner: str, metric: str, unit: str, baseline: str, target: str, due: str, at: str,
         value: str, confidence: str, note: str, score: str) -> list[str]:
    return [cycle, oid, title, oowner, ograde, kid, kr, owner, metric, unit, baseline, target,
            due, at, value, confidence, note, score]


def sheet_rows() -> list[list[str]]:
    """Every row after the header, in file order (line 2 first)."""
    hire = ("FY23-Q2", "O1", "Hire", "maria")
    engineers = ("K1", "Hire 5 engineers", "maria", "Engineers hired", "people", "0", "5",
                 "2022-07-31")
    second = ("FY23-Q2", "", "Hire", "li", "")
    long_kr = ("", LONG_STATEMENT, "li", "", "", "", "2", "")
    ship = ("release-3.2", "R1", "Ship 3.2", "dev")
    bugs = ("B1", "Close 40 bugs", "dev", "Open bugs", "bugs", "120", "80", "2019-04-23")
    return [
        _row(*hire, "0.6", *engineers, "2022-05-16", "1", "0.8", "first hire", ""),
        _row(*hire, "", *engineers, "2022-06-20", "3", "0.6", "", ""),
        _row(*hire, "", *engineers, "2022-08-05", "4", "0.5", "actual score", "0.8"),
        _row(*second, *long_kr, "2022-05-20", "0", "0.7", "", ""),
        _row(*second, *long_kr, "2022-06-10", "", "0.4", "no new number yet", ""),
        _row(*second, *long_kr, "2022-07-29", "1.0", "", "not present", ""),
        _row(*second, *long_kr, "2022-07-29", "0.05", "", "actual score", ""),
        _row(*ship, "0.7", *bugs, "2019-03-01", "100", "0.7", "", ""),
        _row(*ship, "", *bugs, "", "85", "", "final result", "0.9"),
        _row(*second, "", "Hire a recruiter", "li", "Recruiters", "", "0", "1", "", "", "",
             "", "role cancelled", "n/a"),
    ]


def write_sheet(path: Path, rows: list[list[str]] | None = None,
                header: list[str] | None = None) -> Path:
    """Write the sheet (or these rows under this header) as a spreadsheet saves CSV."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header or HEADER)
        writer.writerows(sheet_rows() if rows is None else rows)
    return path


def prepare_cycles(repo: Repository) -> None:
    """The database's cycles the sheet needs: fiscal quarters from February, the release."""
    repo.cycles.set_first_month(2)
    repo.cycles.add(*RELEASE)
