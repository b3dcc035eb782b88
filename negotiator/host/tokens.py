"""Seat tokens kept on a student's computer, so the terminal and the window both put a student back in their seat.

One JSON file in the data folder maps `ADDRESS|CODE` to the token the host gave; it is private to the user.
"""

from __future__ import annotations

import json

from negotiator import files, paths


def seats_file() -> str:
    return str(paths.user_data_dir() / "joined-seats.json")


def token_key(address: str, code: str) -> str:
    return f"{address}|{code.strip().upper()}"


def saved_tokens() -> dict[str, str]:
    """Every kept token; an unreadable or damaged file counts as none (the student takes a new seat)."""
    try:
        data = files.load_json(files.read_regular(seats_file(), 1_000_000, "seats file"), seats_file())
    except files.FileReadError:
        return {}
    return (
        {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}
    )


def save_token(key: str, token: str) -> None:
    """Keep `token` under `key`; OSError (FileWriteError) when the data folder cannot be written."""
    tokens = saved_tokens()
    tokens.pop(key, None)  # the newest last: the Join dialog offers it first
    tokens[key] = token
    files.atomic_write(seats_file(), json.dumps(tokens, indent=1), private=True)
