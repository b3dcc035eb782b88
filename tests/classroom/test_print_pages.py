"""Printed length, measured the way a teacher prints: each role sheet fits two pages on A4 and on Letter.

A browser lays out the page (Chromium's headless print-to-PDF, no margins headers); the test counts the PDF's
pages. Without a Chromium on the machine it is skipped (the word cap in test_briefs still holds the sheets
short).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from negotiator.classroom.briefs import write_briefs
from negotiator.scenario.models import Scenario

BROWSER = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium to print with")


def printed_pages(html: Path, paper: str, out: Path) -> int:
    sized = html.with_name(f"{html.stem}-{paper}.html")
    sized.write_text(
        html.read_text(encoding="utf-8").replace("</style>", f"@page {{ size: {paper}; }}</style>", 1),
        encoding="utf-8",
    )
    pdf = out / f"{sized.stem}.pdf"
    subprocess.run(
        [
            str(BROWSER),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            sized.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def test_every_role_sheet_prints_on_two_pages(scenarios: dict[Path, Scenario], tmp_path: Path) -> None:
    for path, scenario in scenarios.items():
        folder = tmp_path / path.stem
        write_briefs(scenario, folder)
        for actor in scenario.negotiators:
            sheet = folder / f"role-{actor.id}.html"
            if not sheet.exists():
                continue
            for paper in ("A4", "letter"):
                assert printed_pages(sheet, paper, tmp_path) <= 2, f"{path.stem} {actor.id} on {paper}"
