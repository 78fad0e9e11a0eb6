"""What the tests share: servers, sites, browsers, databases, commands and sound checks."""
