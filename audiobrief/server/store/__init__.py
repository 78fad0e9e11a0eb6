"""Tables, database, migrations and claims: the only place that speaks SQL."""
