"""Errors the engine raises. Malformed input and well-formed-but-not-allowed are different mistakes."""

from __future__ import annotations


class InvalidActionError(ValueError):
    """The action text or value is malformed (unknown command, missing argument, unknown id)."""


class IllegalActionError(ValueError):
    """The action is well formed but not allowed in this state; the message says why and what to do."""
