"""The `okrtui` command line: subcommands for scripts, one module per command group.

`main(argv)` parses and runs a subcommand. Opening the dashboard when no
subcommand is given is the program's business (`okrtui.entry`), not the
command line's: this package never imports the TUI, so script paths stay fast.

The arrows point one way: `parser` builds the command line from each group's
`add_commands`; the groups (`metric`, `kpi`, `exchange`, `signals`, `okr`,
`quarter`, `journal`, `admin`) use `context` and the store and core; `context`
imports nothing of the other modules here.
"""

from okrtui.cli.parser import main

__all__ = ["main"]
