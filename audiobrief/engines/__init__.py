"""Speech engines: the Engine protocol and one module per engine."""
