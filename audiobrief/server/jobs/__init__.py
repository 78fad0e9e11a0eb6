"""The work queue: the in-process runner, the Celery broker, the queue's room, and what a made
briefing records about its articles."""
