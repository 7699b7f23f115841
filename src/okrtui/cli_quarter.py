"""`okrtui quarter ...`: close a quarter, reopen it, export it as a page.

(Filled in by the OKR close/export work; registered from cli.py.)
"""

from __future__ import annotations

import argparse
from typing import Any


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `okrtui quarter` and its actions."""
    quarter = commands.add_parser("quarter", help="close, reopen or export a quarter")
    quarter.add_subparsers(title="quarter commands", metavar="ACTION", required=True)
