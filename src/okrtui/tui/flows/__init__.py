"""The TUI's workflows, one object each, composed by the App.

Each flow is handed a `Context` (repository, today, the cycle shown, the
scope), the `Ui` (show a screen, say a line, what is selected) and the
dashboard's `DashboardViews`; it never reaches for the App or another flow.
"""
