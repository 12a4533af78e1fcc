"""Render a drill-report.v1 record as one self-contained HTML page (Jinja2, inline CSS and SVG).

The page loads nothing: its Content-Security-Policy forbids every external resource.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from exitkit.report.chart import timeline

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["pretty"] = lambda value: json.dumps(value, indent=2, sort_keys=True)
    return environment


def render_html(record: dict[str, Any]) -> str:
    chart = None
    if record["milestones"] and record.get("window_days"):
        today = record["plan"]["today_day"] if record.get("plan") else None
        chart = timeline(record["milestones"], int(record["window_days"]), today)
    template = _environment().get_template("report.html.j2")
    return template.render(report=record, chart=chart)
