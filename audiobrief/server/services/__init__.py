"""What a briefing, a show and an account can do (submit, retry, delete, share, edit, access, quotas):
used by routes, the command line, shows and workers alike. Never imports routes or http."""
