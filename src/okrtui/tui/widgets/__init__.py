"""Panes and dialogs used by the screens."""
