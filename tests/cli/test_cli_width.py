"""Plain tables fit $COLUMNS (80 when it is unknown): long texts end in "…"."""

from __future__ import annotations

from okrtui.core.format import cell_width
from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.demo import build_demo
from tests.conftest import TODAY

LONG_KPI = "Share of weekly active teams that invited a second admin"
LONG_KR = "Raise the share of weekly active teams that invite a second admin to 40%"


def seed(repo) -> None:  # noqa: ANN001
    build_demo(repo, TODAY)
    metric = repo.add_metric(Metric(name=LONG_KPI, unit="%", range_min=10))
    repo.record_reading(metric, TODAY, 12.5, today=TODAY)
    objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Admins " * 20))
    other = repo.add_metric(Metric(name="Second admins", watched=False))
    repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=other.id or 0, statement=LONG_KR,
        baseline=0, target=40, start=TODAY.replace(month=10, day=1), due=TODAY.replace(
            month=12, day=31)))


def widest(text: str) -> int:
    return max(cell_width(line) for line in text.splitlines())


def test_kpis_and_okrs_fit_the_columns_given(run_cli, cli_env, repo) -> None:  # noqa: ANN001
    seed(repo)
    for columns in (80, 120):
        env = {**cli_env, "COLUMNS": str(columns)}
        for command in ("kpis", "okrs"):
            result = run_cli(command, env=env)
            assert result.returncode == 0, result.stderr
            assert widest(result.stdout) <= columns, (command, columns, result.stdout)
            assert "…" in result.stdout, (command, columns)  # cut, and said so
    wide = run_cli("kpis", env={**cli_env, "COLUMNS": "200"}).stdout
    assert LONG_KPI in wide and widest(wide) <= 200  # whole when there is room
    assert LONG_KR in run_cli("okrs", env={**cli_env, "COLUMNS": "200"}).stdout
    assert LONG_KR in run_cli("okrs", "--json", env={**cli_env, "COLUMNS": "80"}).stdout


def test_without_columns_a_pipe_gets_80(run_cli, cli_env, repo) -> None:  # noqa: ANN001
    seed(repo)
    env = {k: v for k, v in cli_env.items() if k not in ("COLUMNS", "LINES")}
    for command in ("kpis", "okrs", "metric list"):
        result = run_cli(*command.split(), env=env)
        assert result.returncode == 0, result.stderr
        assert widest(result.stdout) <= 80, (command, result.stdout)
