"""The health report as one HTML file: readable offline, light or dark as the reader's
system is, charts inline as SVG, every text escaped (queries and comments are what agents
typed: they are shown, never run)."""

from __future__ import annotations

from jinja2 import Environment, select_autoescape

from kb_app.health import charts
from kb_app.health.report import HealthReport

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Knowledge health, {{ r.since }} to {{ r.today }}</title>
<style>
:root { color-scheme: light dark; --muted: #666; --line: #ddd; --warn: #8a4b00; }
@media (prefers-color-scheme: dark) { :root { --muted: #aaa; --line: #444; --warn: #ffb74d; } }
body { font-family: system-ui, "Noto Sans", "Noto Sans Bengali", sans-serif; margin: 2rem auto;
       max-width: 62rem; padding: 0 1rem; line-height: 1.45; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); }
.muted { color: var(--muted); } table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line);
         vertical-align: top; } th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; } .warn { color: var(--warn); }
.chart svg { max-width: 100%; height: auto; }
</style></head><body>
<h1>Knowledge health</h1>
<p class="muted">{{ r.since }} to {{ r.today }} · {{ r.desks }} desk(s) ·
{{ r.searches }} search(es) · {{ r.open_flags|length }} open flag(s)</p>

<h2>Open flags</h2>
{% if r.open_flags %}<table><tr><th>Article</th><th>Owner</th><th>Flag</th><th>Comment</th>
<th>Agent</th><th>When</th></tr>
{% for f in r.open_flags %}<tr><td>{{ f.title }}</td><td>{{ f.owner or "—" }}</td>
<td class="warn">{{ f.kind }}</td><td>{{ f.comment }}</td><td>{{ f.agent }}</td>
<td class="muted">{{ f.at[:16].replace("T", " ") }}</td></tr>{% endfor %}</table>
{% else %}<p class="muted">No open flags.</p>{% endif %}

{% macro then_opened(g) %}{% for f in g.then_opened %}{{ f.title }} ({{ f.searches }})
{%- if not loop.last %} · {% endif %}{% endfor %}{% endmacro %}
<h2>Searches that found nothing</h2>
{% if r.no_results %}<table><tr><th>Agents asked for</th><th class="num">Searches</th>
<th class="num">Desks</th><th>Also typed</th><th>Then opened</th></tr>
{% for g in r.no_results %}<tr><td>{{ g.label }}</td><td class="num">{{ g.searches }}</td>
<td class="num">{{ g.desks }}</td><td class="muted">{{ g.queries[1:4]|join(" · ") }}</td>
<td>{{ then_opened(g) }}</td></tr>
{% endfor %}</table>{% else %}<p class="muted">None.</p>{% endif %}

<h2>Searches whose results nobody opened</h2>
{% if r.not_opened %}<table><tr><th>Agents asked for</th><th class="num">Searches</th>
<th class="num">Desks</th><th>Then opened</th></tr>
{% for g in r.not_opened %}<tr><td>{{ g.label }}</td>
<td class="num">{{ g.searches }}</td><td class="num">{{ g.desks }}</td>
<td>{{ then_opened(g) }}</td></tr>{% endfor %}
</table>{% else %}<p class="muted">None.</p>{% endif %}

<h2>Stale articles</h2>
{% if r.stale %}<table><tr><th>Article</th><th>Owner</th><th>Why</th><th class="num">Views</th>
</tr>{% for s in r.stale %}<tr><td>{{ s.title }} <span class="muted">{{ s.path }}</span></td>
<td>{{ s.owner or "—" }}</td><td class="warn">{{ s.reasons|join("; ") }}</td>
<td class="num">{{ s.views }}</td></tr>{% endfor %}</table>
{% else %}<p class="muted">Nothing is stale.</p>{% endif %}

<h2>Trends</h2>
{% if r.trends.rising %}<p>Rising this week:
{% for t in r.trends.rising %}<strong>{{ t.topic }}</strong> ({{ t.this_week }}, was
{{ "%.1f"|format(t.before) }} a week){% if not loop.last %} · {% endif %}{% endfor %}</p>
{% endif %}
{% for chart in charts %}<div class="chart">{{ chart|safe }}</div>{% endfor %}

<h2>Most viewed</h2>
<table>{% for v in r.most_viewed %}<tr><td>{{ v.title }}</td><td class="num">{{ v.views }}</td>
</tr>{% endfor %}</table>
<h2>Never viewed</h2>
<p>{% for v in r.never_viewed %}{{ v.title }}{% if not loop.last %} · {% endif %}
{% else %}<span class="muted">Every published article was viewed.</span>{% endfor %}</p>
</body></html>
"""


def render(report: HealthReport) -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    weeks = report.trends.weeks
    figures = [("Searches per week, by product", report.trends.searches_by_product),
               ("Flags per week, by product", report.trends.flags_by_product),
               ("Searches per week, by tag", report.trends.searches_by_tag)]
    drawn = [charts.svg(charts.weekly_figure(title, weeks, series))
             for title, series in figures if series]
    return env.from_string(PAGE).render(r=report, charts=drawn)
