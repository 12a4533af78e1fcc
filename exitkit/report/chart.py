"""Geometry of the milestone timeline: one row per milestone against the reversibility window.

The template draws it as inline SVG; nothing here knows about markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

LABEL_WIDTH = 190
PLOT_WIDTH = 620
ROW_HEIGHT = 30
TOP = 36
BOTTOM = 34
RIGHT = 70  # room for the labels of the last day, the window end and today


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    status: str
    y: float
    bar_x: float
    bar_width: float
    due_x: float
    done_x: float | None
    tooltip: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    plot_width: int
    top: int
    bottom_y: float
    rows: tuple[Row, ...]
    ticks: tuple[tuple[float, int], ...]
    window_x: float
    window_days: int
    today_x: float | None
    today_day: int | None


def _tick_step(days: int) -> int:
    for step in (5, 10, 15, 30, 60, 90):
        if days / step <= 10:
            return step
    return 180


def timeline(milestones: list[dict[str, Any]], window_days: int, today_day: int | None) -> Chart:
    ends = [float(window_days)]
    ends += [float(m["due_day"]) for m in milestones] + [float(m["finish_day"]) for m in milestones]
    span = max(1, math.ceil(max(ends)))
    if today_day is not None and 0 <= today_day <= span * 1.5:
        span = max(span, today_day)

    def x(day: float) -> float:
        return round(LABEL_WIDTH + PLOT_WIDTH * max(0.0, float(day)) / span, 2)

    rows = []
    for index, m in enumerate(milestones):
        start, finish = float(m["start_day"]), float(m["finish_day"])
        done = m.get("done_day")
        tooltip = (
            f"{m['id']}: {m['title']} - planned day {start:g} to {finish:.1f}, "
            f"due day {m['due_day']}, {m['status']}"
        )
        rows.append(
            Row(
                id=m["id"],
                title=m["title"],
                status=m["status"],
                y=TOP + index * ROW_HEIGHT,
                bar_x=x(start),
                bar_width=max(2.0, x(finish) - x(start)),
                due_x=x(m["due_day"]),
                done_x=x(done) if done is not None else None,
                tooltip=tooltip,
            )
        )
    step = _tick_step(span)
    ticks = tuple((x(day), day) for day in range(0, span + 1, step))
    bottom = TOP + len(rows) * ROW_HEIGHT
    today_x = x(today_day) if today_day is not None and 0 <= today_day <= span else None
    return Chart(
        width=LABEL_WIDTH + PLOT_WIDTH + RIGHT,
        height=bottom + BOTTOM,
        left=LABEL_WIDTH,
        plot_width=PLOT_WIDTH,
        top=TOP,
        bottom_y=bottom,
        rows=tuple(rows),
        ticks=ticks,
        window_x=x(window_days),
        window_days=window_days,
        today_x=today_x,
        today_day=today_day,
    )
