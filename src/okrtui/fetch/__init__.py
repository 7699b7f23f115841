"""Fetching a KPI source's value: running its command, its query, its URL or reading its
CSV file. I/O only, no database of okrtui's and no UI: `okrtui.pulling` decides what
to fetch and the store records what came back.

`run.fetch(spec, ...)` never raises for a source's own failure: it returns a
`core.sources.Fetched` whose `error` says what went wrong, in words.
"""
