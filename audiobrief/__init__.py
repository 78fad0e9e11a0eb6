"""audiobrief: accessible spoken MP3 briefings from news articles, offline."""

__version__ = "0.1.0"
