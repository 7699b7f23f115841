"""`okrtui calibration [--owner WHO] [--json]`: how the confidences people gave compared
with the scores their key results ended at, over the closed cycles."""

from __future__ import annotations

import argparse
import json
from typing import Any

from okrtui.cli.context import open_repo


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `okrtui calibration`."""
    calibration = commands.add_parser(
        "calibration", parents=[common],
        help="confidences given against final scores, per owner and for the team",
        description="For the team and each owner: for each confidence (the last one given "
        "before a cycle closed, 0-10), the mean final score of the graded key results of "
        "closed cycles (n/a ones left out) and how many key results and cycles it rests on. "
        "Too short to tell under 3 key results or 2 cycles.")
    calibration.add_argument("--owner", metavar="WHO", help="only this person's")
    calibration.add_argument("--json", action="store_true", help="print JSON")
    calibration.set_defaults(handler=cmd_calibration)


def cmd_calibration(args: argparse.Namespace) -> int:
    """`okrtui calibration`"""
    from okrtui.core.calibration import calibrate, calibrations
    from okrtui.store.calibration import graded_key_results

    graded = graded_key_results(open_repo(args))
    owner = (args.owner or "").strip()
    shown = [calibrate(graded, owner)] if owner else calibrations(graded)
    if args.json:
        print(json.dumps([{
            "owner": c.owner or None, "key_results": c.key_results, "cycles": c.cycles,
            "without_confidence": c.without_confidence, "enough": c.enough,
            "confidences": [{"confidence": b.confidence, "mean_score": round(b.mean, 4),
                             "key_results": b.key_results, "cycles": b.cycles,
                             "enough": b.enough} for b in c.buckets],
            "lines": c.lines()} for c in shown], indent=2, ensure_ascii=False))
        return 0
    for n, calibration in enumerate(shown):
        if n:
            print()
        print(calibration.owner or "team")
        for line in calibration.lines():
            print(f"  {line}")
    return 0
