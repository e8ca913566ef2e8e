"""The `twitchwise` command line: thin commands over the services."""
