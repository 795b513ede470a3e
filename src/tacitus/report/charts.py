"""Plotly figures for the briefing, as plain figure dicts (`{"data": [...], "layout": {...}}`).

In: the briefing's timeline items, actor network and dyad series. Out: figures plotly.js draws
offline; `figure_json` serialises one so it can sit inside an HTML `<script>` element. Dicts
rather than `plotly.graph_objects` keep the output small and byte-identical across runs (the
tests check each figure against plotly's schema). Colours follow the PLOVER score: red for
conflict (−10), grey for neutral, blue for cooperation (+10).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from typing import Any

from tacitus.report.briefing import Briefing, TimelineItem
from tacitus.report.dyads import Edge, Node
from tacitus.report.format import first_day, last_day, score_label

Figure = dict[str, Any]

CONFLICT, NEUTRAL, COOPERATION = (178, 24, 43), (189, 189, 189), (33, 102, 172)
SCORE_SCALE = [[0.0, "rgb(178,24,43)"], [0.5, "rgb(189,189,189)"], [1.0, "rgb(33,102,172)"]]
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12}
LANE_HEIGHT = 44
# Several events of one story on one lane are spread over this many rows so they do not overlap.
LANE_ROWS = 5
LAYOUT_ITERATIONS = 80
# The timeline opens on the shortest window holding this share of the events when the others
# lie far away ("since 2022" next to a week in May 2025); double-click shows them all.
FOCUS_SHARE = 0.75
PRECISE_DAYS = 31


def score_colour(score: float) -> str:
    """The colour of a PLOVER score on the conflict (red) – cooperation (blue) scale."""
    t = max(-1.0, min(1.0, score / 10))
    target = COOPERATION if t > 0 else CONFLICT
    rgb = (round(n + (f - n) * abs(t)) for n, f in zip(NEUTRAL, target, strict=True))
    return "rgb({},{},{})".format(*rgb)


def _base_layout(height: int) -> dict[str, Any]:
    return {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
        "font": FONT,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hovermode": "closest",
        "showlegend": False,
    }


def _colorbar(title: str) -> dict[str, Any]:
    return {
        "title": {"text": title, "side": "right"},
        "thickness": 10,
        "len": 0.8,
        "tickvals": [-10, -5, 0, 5, 10],
        "ticktext": ["−10 conflict", "−5", "0", "+5", "+10 cooperation"],
    }


# ---------------------------------------------------------------- timeline


def timeline_figure(items: Sequence[TimelineItem]) -> Figure:
    """Fused events of the top stories: one lane per story, a bar over the event's dates, a
    filled dot where it starts, an open dot for events dated only by when they were reported."""
    lanes = {lane: i for i, lane in enumerate(sorted({t.lane for t in items}))}
    labels = {t.lane: t.lane_label for t in items}
    seen: dict[int, int] = {}
    span_x: list[str | None] = []
    span_y: list[float | None] = []
    dots: dict[str, dict[str, list[Any]]] = {"event": _series(), "reported": _series()}
    days: list[dt.date] = []
    for item in items:
        start, end = first_day(item.start), last_day(item.end) if item.end else None
        if start is None:
            continue
        k = seen[item.lane] = seen.get(item.lane, -1) + 1
        y = lanes[item.lane] + ((k % LANE_ROWS) - (LANE_ROWS - 1) / 2) * 0.15
        if end is not None and end > start:  # a span, or a month or year the event is in
            span_x += [start.isoformat(), end.isoformat(), None]
            span_y += [y, y, None]
        if end is None or (end - start).days <= PRECISE_DAYS:  # vague dates do not set the view
            days += [start, end or start]
        _add_point(dots[item.basis], item, start.isoformat(), y)
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": span_x,
            "y": span_y,
            "line": {"color": "rgba(70,90,120,0.45)", "width": 6},
            "hoverinfo": "skip",
        },
        _dot_trace(dots["event"], "circle", colorbar=True),
        _dot_trace(dots["reported"], "circle-open", colorbar=False),
    ]
    layout = _base_layout(max(230, 110 + LANE_HEIGHT * len(lanes)))
    layout["margin"]["l"] = 240
    layout["xaxis"] = {"type": "date", "gridcolor": "#eceff3", "zeroline": False}
    focus = _focus(days)
    if focus:
        layout["xaxis"]["range"] = focus
    layout["yaxis"] = {
        "tickvals": list(lanes.values()),
        "ticktext": [labels[lane] for lane in lanes],
        "range": [len(lanes) - 0.5, -0.5],  # reversed: the best supported story on top
        "gridcolor": "#f3f4f6",
        "zeroline": False,
    }
    return {"data": data, "layout": layout}


def _series() -> dict[str, list[Any]]:
    return {"x": [], "y": [], "color": [], "size": [], "text": [], "anchor": []}


def _focus(days: list[dt.date]) -> list[str] | None:
    """The x range to open on, or None to show everything (see FOCUS_SHARE)."""
    days = sorted(days)
    k = math.ceil(FOCUS_SHARE * len(days))
    if k < 2:
        return None
    first = min(range(len(days) - k + 1), key=lambda i: (days[i + k - 1] - days[i], i))
    low, high = days[first], days[first + k - 1]
    if (days[-1] - days[0]).days <= 2 * (high - low).days + 30:
        return None
    pad = dt.timedelta(days=max(3, (high - low).days // 10))
    return [(low - pad).isoformat(), (high + pad).isoformat()]


def _add_point(series: dict[str, list[Any]], item: TimelineItem, x: str, y: float) -> None:
    series["x"].append(x)
    series["y"].append(round(y, 3))
    series["color"].append(item.score if item.score is not None else 0)
    series["size"].append(9 + 3 * min(item.independent_sources, 5))
    series["text"].append(
        f"<b>{_escape(item.headline)}</b><br>{_escape(item.date)} · {item.factuality}"
        f"<br>{item.independent_sources} independent source(s) · score {score_label(item.score)}"
    )
    series["anchor"].append(item.anchor)


def _dot_trace(series: dict[str, list[Any]], symbol: str, *, colorbar: bool) -> dict[str, Any]:
    marker: dict[str, Any] = {
        "symbol": symbol,
        "size": series["size"],
        "color": series["color"],
        "colorscale": SCORE_SCALE,
        "cmin": -10,
        "cmax": 10,
        "line": {"width": 2 if symbol.endswith("open") else 1, "color": "#334155"},
    }
    if symbol.endswith("open"):
        # an open marker is drawn by its outline only, so the outline carries the score colour
        marker["line"] = {"width": 2}
    if colorbar:
        marker["showscale"] = True
        marker["colorbar"] = _colorbar("PLOVER score")
    return {
        "type": "scatter",
        "mode": "markers",
        "x": series["x"],
        "y": series["y"],
        "marker": marker,
        "hovertext": series["text"],
        "hoverinfo": "text",
        "customdata": series["anchor"],
    }


# ---------------------------------------------------------------- actor network


def network_figure(nodes: Sequence[Node], edges: Sequence[Edge]) -> Figure:
    """Actors as dots (size: events, colour: mean score), relations as lines (width: events,
    colour: mean PLOVER score of the events between the two), hover text on both."""
    pos = spring_layout([n.code for n in nodes], [(e.a, e.b, e.events) for e in edges])
    heaviest = max((e.events for e in edges), default=1)
    data: list[dict[str, Any]] = [_edge_trace(e, pos, heaviest) for e in edges]
    data.append(_edge_hover_trace(edges, pos, nodes))
    busiest = max((n.events for n in nodes), default=1)
    data.append(
        {
            "type": "scatter",
            "mode": "markers+text",
            "x": [pos[n.code][0] for n in nodes],
            "y": [pos[n.code][1] for n in nodes],
            "text": [n.code for n in nodes],
            "textposition": "top center",
            "textfont": {"size": 11, "color": "#1f2937"},
            "hovertext": [
                f"<b>{_escape(n.name)}</b> ({n.code})<br>{n.events} scored event(s)"
                f"<br>mean score {score_label(n.score)}"
                for n in nodes
            ],
            "hoverinfo": "text",
            "marker": {
                "size": [12 + 22 * math.sqrt(n.events / busiest) for n in nodes],
                "color": [n.score for n in nodes],
                "colorscale": SCORE_SCALE,
                "cmin": -10,
                "cmax": 10,
                "showscale": True,
                "colorbar": _colorbar("mean PLOVER score"),
                "line": {"width": 1, "color": "#334155"},
            },
        }
    )
    layout = _base_layout(520)
    hidden = {"visible": False, "range": [-1.25, 1.25]}
    layout["xaxis"] = dict(hidden)
    layout["yaxis"] = {**hidden, "scaleanchor": "x"}
    return {"data": data, "layout": layout}


def _edge_trace(edge: Edge, pos: dict[str, tuple[float, float]], heaviest: int) -> dict[str, Any]:
    (x0, y0), (x1, y1) = pos[edge.a], pos[edge.b]
    return {
        "type": "scatter",
        "mode": "lines",
        "x": [x0, x1],
        "y": [y0, y1],
        "line": {"color": score_colour(edge.score), "width": 1.5 + 7 * edge.events / heaviest},
        "opacity": 0.8,
        "hoverinfo": "skip",
    }


def _edge_hover_trace(
    edges: Sequence[Edge], pos: dict[str, tuple[float, float]], nodes: Sequence[Node]
) -> dict[str, Any]:
    names = {n.code: n.name for n in nodes}
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [round((pos[e.a][0] + pos[e.b][0]) / 2, 4) for e in edges],
        "y": [round((pos[e.a][1] + pos[e.b][1]) / 2, 4) for e in edges],
        "marker": {"size": 14, "color": "rgba(0,0,0,0)"},
        "hovertext": [
            f"<b>{_escape(names.get(e.a, e.a))} – {_escape(names.get(e.b, e.b))}</b>"
            f"<br>{e.events} scored event(s)<br>mean score {score_label(e.score)}"
            for e in edges
        ],
        "hoverinfo": "text",
    }


def spring_layout(
    codes: Sequence[str], links: Sequence[tuple[str, str, int]]
) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]² by a force-directed layout (Fruchterman–Reingold), started from a
    circle in the given order so the same input always gives the same picture."""
    n = len(codes)
    if n == 0:
        return {}
    pos = {
        c: [math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)]
        for i, c in enumerate(codes)
    }
    if n > 2:
        k = 1.6 / math.sqrt(n)
        for step in range(LAYOUT_ITERATIONS):
            _layout_step(pos, links, k, 0.12 * (1 - step / LAYOUT_ITERATIONS))
    return _normalised(pos)


def _layout_step(
    pos: dict[str, list[float]], links: Sequence[tuple[str, str, int]], k: float, limit: float
) -> None:
    move = {c: [0.0, 0.0] for c in pos}
    codes = list(pos)
    for i, a in enumerate(codes):  # every pair repels
        for b in codes[i + 1 :]:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d2 = max(dx * dx + dy * dy, 1e-4)
            f = k * k / d2
            move[a][0] += dx * f
            move[a][1] += dy * f
            move[b][0] -= dx * f
            move[b][1] -= dy * f
    for a, b, weight in links:  # linked pairs attract, more so the more events link them
        if a not in pos or b not in pos:
            continue
        dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
        f = math.sqrt(dx * dx + dy * dy) * (1 + math.log(weight)) / k
        move[a][0] -= dx * f
        move[a][1] -= dy * f
        move[b][0] += dx * f
        move[b][1] += dy * f
    for c, (mx, my) in move.items():
        length = math.hypot(mx, my)
        if length > 0:
            scale = min(length, limit) / length
            pos[c][0] += mx * scale
            pos[c][1] += my * scale


def _normalised(pos: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {c: (round((x - cx) / half, 4), round((y - cy) / half, 4)) for c, (x, y) in pos.items()}


# ---------------------------------------------------------------- dyads over time


def dyads_figure(briefing: Briefing) -> Figure:
    """Mean PLOVER score per day or month for the busiest dyads, one line each."""
    data = []
    for series in briefing.dyads:
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": series.label,
                "x": [p.period for p in series.points],
                "y": [p.score for p in series.points],
                "marker": {"size": [7 + 2 * min(p.events, 6) for p in series.points]},
                "hovertext": [
                    f"<b>{_escape(series.label)}</b><br>{p.label}: {p.events} event(s)"
                    f"<br>mean score {score_label(p.score)}"
                    for p in series.points
                ],
                "hoverinfo": "text",
            }
        )
    layout = _base_layout(380)
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "y": -0.15}
    layout["margin"] = {"l": 110, "r": 10, "t": 10, "b": 60}
    layout["xaxis"] = {"type": "date", "gridcolor": "#eceff3"}
    layout["yaxis"] = {
        "range": [-10.5, 10.5],
        "title": {"text": "mean PLOVER score"},
        "tickvals": [-10, -5, 0, 5, 10],
        "ticktext": ["−10 conflict", "−5", "0", "+5", "+10 coop."],
        "zeroline": True,
        "zerolinecolor": "#9ca3af",
        "gridcolor": "#eceff3",
    }
    return {"data": data, "layout": layout}


# ---------------------------------------------------------------- serialising


def figures(briefing: Briefing) -> dict[str, Figure]:
    """The briefing's figures by the id of the element that shows them (empty ones left out)."""
    out: dict[str, Figure] = {}
    if briefing.timeline:
        out["chart-timeline"] = timeline_figure(briefing.timeline)
    if briefing.nodes:
        out["chart-actors"] = network_figure(briefing.nodes, briefing.edges)
    if any(s.points for s in briefing.dyads):
        out["chart-dyads"] = dyads_figure(briefing)
    return out


def figure_json(figure: Figure) -> str:
    """Compact, key-sorted JSON that is safe inside an HTML `<script>` element: `<`, `>` and
    `&` are written as JSON escapes, so article text can never close the element."""
    text = json.dumps(figure, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _escape(text: str) -> str:
    """Plotly hover text is HTML-like: show article text literally."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
