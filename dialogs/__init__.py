"""Dialogs and dock panels of the plugin (desktop only)."""
