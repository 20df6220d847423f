"""Knowledge health: what agents searched, opened and flagged, across the team's desks, and
the report staff read from it (flags to answer, content gaps, stale articles, trends)."""
