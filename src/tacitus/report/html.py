"""The briefing as one self-contained HTML page.

In: a `Briefing`. Out: HTML text with inline CSS, the plotly.js bundle inline (from the
installed plotly package) and the figures as JSON: the page opens offline and asks for nothing
over the network (a Content-Security-Policy forbids it too). Everything from the articles goes
through Jinja2's autoescaping; the only raw insertions are the plotly bundle and the figure
JSON, which `charts.figure_json` makes safe inside `<script>`.
"""

from __future__ import annotations

import json
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from tacitus.report.briefing import Briefing
from tacitus.report.charts import figure_json, figures
from tacitus.report.format import actor_names, plural, score_label, shorten

RELATION_WORDS = {
    "single": "one source",
    "agree": "sources agree",
    "precision": "differs in precision",
    "contradiction": "contradiction",
}


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("tacitus.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["count_of"] = plural
    env.filters["score"] = score_label
    env.filters["relation"] = lambda r: RELATION_WORDS.get(r, r)
    env.filters["shorten"] = shorten
    env.filters["actor"] = lambda code: actor_names().name(code)
    return env


@cache
def plotly_bundle() -> str:
    """plotly.js (minified) from the installed plotly package, checked to be inlinable."""
    from plotly.offline import get_plotlyjs  # type: ignore[import-untyped]  # noqa: PLC0415

    bundle = str(get_plotlyjs())
    if "</script" in bundle.lower() or "<!--" in bundle:
        raise RuntimeError("this plotly.js bundle cannot be inlined in a <script> element")
    return bundle


def render_html(briefing: Briefing) -> str:
    """The page for `briefing` (deterministic: the same briefing gives the same bytes)."""
    charts = figures(briefing)
    figure_text = (
        "{"
        + ",".join(f"{json.dumps(key)}:{figure_json(fig)}" for key, fig in sorted(charts.items()))
        + "}"
    )
    template = _environment().get_template("briefing.html.j2")
    return template.render(
        b=briefing,
        figures=Markup(figure_text) if charts else "",
        plotly_js=Markup(plotly_bundle()) if charts else "",
    )
