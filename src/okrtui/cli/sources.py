"""`okrtui source add|list|remove`: where a KPI's readings come from by themselves."""

from __future__ import annotations

import argparse
import json
import shlex
from pathlib import Path
from typing import Any

from okrtui.cli.context import open_repo, terminal_width
from okrtui.core.errors import InvalidInput

EVERY = ("daily", "weekly", "monthly")
_KIND_OPTIONS = {"command": "--command", "sql": "--sql", "url": "--url", "csv": "--csv"}
# The options that belong to one kind only, and that kind.
_ONLY_FOR = {"query": "sql", "header": "url", "column": "csv", "date_column": "csv"}


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `okrtui source`."""
    source = commands.add_parser(
        "source", parents=[common], help="where a KPI's readings come from (pull)",
        description="A KPI can take its readings from a command, an SQL query, a URL "
        "returning JSON or a CSV file; okrtui pull fetches them. A source runs only for "
        "the account that defined it.")
    actions = source.add_subparsers(title="actions", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add", parents=[common], help="give a KPI a source",
        description="Give a KPI a source. Secrets never go in: a header names an "
        "environment variable (--header 'Authorization=Bearer $API_TOKEN'), a PostgreSQL "
        "password comes from PGPASSWORD or ~/.pgpass where okrtui pull runs.",
        epilog="Examples:\n"
        "  okrtui source add signups --command 'curl -s https://x/api | jq .count'\n"
        "  okrtui source add orders --sql sqlite:///srv/shop.db --query 'SELECT count(*) "
        "FROM orders'\n"
        "  okrtui source add nps --url https://x/api/nps --json-path $.score "
        "--header 'Authorization=Bearer $NPS_TOKEN'\n"
        "  okrtui source add churn --csv ~/exports/churn.csv --column churn "
        "--date-column week",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add.add_argument("metric", help="the KPI's name")
    kinds = add.add_mutually_exclusive_group(required=True)
    kinds.add_argument("--command", metavar="CMD", help="a command (run by /bin/sh) that "
                       "prints a number, or JSON with --json-path")
    kinds.add_argument("--sql", metavar="DSN", help="sqlite:///PATH or "
                       "postgresql://[user@]host[:port]/db, with --query")
    kinds.add_argument("--url", metavar="URL", help="an http(s) URL returning JSON, "
                       "with --json-path")
    kinds.add_argument("--csv", metavar="FILE", help="a CSV file, with --column")
    add.add_argument("--query", metavar="Q", help="SQL returning one number, or rows of "
                     "(date, value) for a history")
    add.add_argument("--json-path", metavar="PATH", default="",
                     help="where the number is in the JSON: $.data.count, items[0].value")
    add.add_argument("--header", metavar="NAME=VALUE", action="append", default=[],
                     help="an HTTP header; a credential only as $ENVVAR (repeatable)")
    add.add_argument("--column", metavar="C", help="the CSV column with the number")
    add.add_argument("--date-column", metavar="C", default="",
                     help="the CSV column with each row's date: the file is a history "
                     "(its last row is the value; okrtui pull --backfill fills the past)")
    add.add_argument("--every", choices=EVERY, help="how often it is due (default: the "
                     "KPI's cadence)")
    add.add_argument("--timeout", metavar="SECONDS", type=float, default=30.0,
                     help="how long a pull may take (default: 30)")
    add.set_defaults(handler=cmd_source_add, create=True)

    listing = actions.add_parser("list", parents=[common], help="every KPI's source")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_source_list)

    remove = actions.add_parser("remove", parents=[common],
                                help="remove a KPI's source (its readings stay)")
    remove.add_argument("metric", help="the KPI's name")
    remove.set_defaults(handler=cmd_source_remove)


def spec_from_args(args: argparse.Namespace) -> Any:
    """The SourceSpec the options describe, or one clear line on what is wrong."""
    from okrtui.cli.context import validated
    from okrtui.core.source_values import check_dsn, parse_header
    from okrtui.core.sources import MAX_TIMEOUT, SourceSpec

    kind = next(k for k, option in _KIND_OPTIONS.items()
                if getattr(args, option.lstrip("-")) is not None)
    for name, owner in _ONLY_FOR.items():
        given = getattr(args, name)
        if given and owner != kind:
            option = "--" + name.replace("_", "-")
            raise InvalidInput(f"{option} goes with {_KIND_OPTIONS[owner]}, not "
                               f"{_KIND_OPTIONS[kind]}")
    if args.json_path and kind not in ("command", "url"):
        raise InvalidInput("--json-path goes with --command or --url")
    if not 0 < args.timeout <= MAX_TIMEOUT:
        raise InvalidInput(f"--timeout is in seconds: more than 0, at most {MAX_TIMEOUT:g}")
    data: dict[str, Any] = {"kind": kind, "json_path": args.json_path.strip(),
                            "timeout": args.timeout}
    if kind == "command":
        if not args.command.strip():
            raise InvalidInput("--command is empty")
        data["command"] = args.command
    elif kind == "sql":
        if not (args.query or "").strip():
            raise InvalidInput("--sql needs --query: SQL that returns one number")
        data.update(dsn=_sqlite_absolute(check_dsn(args.sql)), query=args.query.strip())
    elif kind == "url":
        if not args.url.lower().startswith(("http://", "https://")):
            raise InvalidInput(f"{args.url!r} is not an http(s) URL")
        data.update(url=args.url.strip(), headers=[parse_header(h) for h in args.header])
    else:
        if not (args.column or "").strip():
            raise InvalidInput("--csv needs --column: the column with the number")
        data.update(csv_path=str(Path(args.csv).expanduser().resolve()),
                    column=args.column.strip(), date_column=args.date_column.strip())
    if data["json_path"]:
        from okrtui.core.source_values import path_steps

        path_steps(data["json_path"])  # a path that cannot be read is refused now
    return validated(SourceSpec, data)


def _sqlite_absolute(dsn: str) -> str:
    """A relative SQLite path means the folder it was given in, not cron's: stored as
    `sqlite:////abs/path` (three slashes, then the absolute path's own)."""
    prefix = "sqlite:///"
    if dsn.startswith(prefix):
        return prefix + str(Path(dsn[len(prefix):]).expanduser().resolve())
    return dsn


def cmd_source_add(args: argparse.Namespace) -> int:
    """`okrtui source add METRIC --command CMD | --sql DSN --query Q | --url U | --csv F`"""
    from okrtui.accounts import account, load_or_create_key
    from okrtui.core.sources import sign

    spec = spec_from_args(args)
    repo = open_repo(args, create=True)
    metric = repo.get_metric(args.metric)
    if metric.archived:
        raise InvalidInput(f"{metric.name!r} is archived: `okrtui metric unarchive` it first")
    name, uid = account()
    seal = sign(spec, metric.id or 0, uid, load_or_create_key())
    source = repo.sources.add(metric, spec, args.every, account=name, uid=uid, signature=seal)
    every = source.interval(metric.cadence)
    print(f"{metric.name} now takes its readings from {spec.describe()} ({every}; "
          f"runs only for {name})")
    print(f"try it: okrtui pull {shlex.quote(metric.name)} --dry-run")
    return 0


def cmd_source_list(args: argparse.Namespace) -> int:
    """`okrtui source list [--json]`"""
    from okrtui.core.format import table
    from okrtui.core.sources import failing_text

    repo = open_repo(args)
    sources = repo.sources.listing()
    failing = repo.sources.failing()
    last_ok = repo.sources.last_ok_days()
    cadence = {m.id: m.cadence for m in repo.list_metrics(include_archived=True)}
    if args.json:
        print(json.dumps([{
            "metric": s.metric, "kind": s.spec.kind, "definition": s.spec.model_dump(
                mode="json"), "every": s.interval(cadence.get(s.metric_id, "weekly")),
            "account": s.account, "uid": s.uid,
            "last_ok": last_ok[s.id].isoformat() if s.id in last_ok else None,
            **failing_json(failing.get(s.metric_id)),
        } for s in sources], indent=2, ensure_ascii=False))
        return 0
    if not sources:
        print("no sources yet: okrtui source add METRIC --command CMD  (see okrtui source "
              "add --help)")
        return 0
    rows = [[s.metric, s.interval(cadence.get(s.metric_id, "weekly")), s.account,
             last_ok[s.id].isoformat() if s.id in last_ok else "never",
             failing_text(*failing[s.metric_id]) if s.metric_id in failing else "ok",
             s.spec.describe()] for s in sources]
    print(table(["KPI", "EVERY", "ACCOUNT", "LAST OK", "STATE", "SOURCE"], rows, set(),
                width=terminal_width(), squeeze=(5, 4), drop=(2,)))
    return 0


def failing_json(run: Any) -> dict[str, Any]:
    """`failing_since` and `failure` fields: None when the source is not failing."""
    if run is None:
        return {"failing_since": None, "failure": None}
    first, latest = run
    return {"failing_since": first.day.isoformat(), "failure": latest.reason}


def cmd_source_remove(args: argparse.Namespace) -> int:
    """`okrtui source remove METRIC`"""
    repo = open_repo(args)
    metric = repo.get_metric(args.metric)
    dropped = repo.sources.remove(metric)
    print(f"{metric.name} has no source now; its readings stay ({dropped} pulls forgotten)")
    return 0

