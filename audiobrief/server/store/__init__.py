"""Tables, database, migrations, claims, briefing records and accounts: the only place that speaks SQL
(with the shows' record modules, which query these tables)."""
