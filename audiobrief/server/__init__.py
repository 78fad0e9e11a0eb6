"""The web app and its podcast feeds, in layers that import only downward: routes (thin handlers),
http (HTTP rules and middleware), services (what a briefing, a show, an account can do), jobs (the
work queue) and store (the only place that speaks SQL). `app.create_app` wires them together."""
