"""``python -m checker`` is the ``tallycheck`` command."""

from .cli import console_main

console_main()
