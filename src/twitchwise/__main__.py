"""``python -m twitchwise``: the same command line as the ``twitchwise`` script."""

from twitchwise.cli.app import main

main()
