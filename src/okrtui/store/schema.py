"""The schema's name and steps, for both the opener and the migrations.

`database.open_database` compares a file's applied steps with these without
importing sqlite-utils (100 ms of start-up); `migrations` registers one
function per step and checks at import that they match this list.
"""

from __future__ import annotations

MIGRATION_SET = "okrtui"
# The schema steps this program knows, in order.
SCHEMA_STEPS = (
    "m001_metrics_and_readings",
    "m002_objectives_key_results_check_ins",
    "m003_quarter_state",
    "m004_baselines_and_companions",
    "m005_journal",
    "m006_who_changed_it",
    "m007_cycles_events_grades",
    "m008_form_drafts",
    "m009_sources_and_pulls",
    "m010_next_test_targets",
)
