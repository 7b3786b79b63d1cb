"""``python -m checker`` is the ``tallycheck`` command."""

import sys

from .cli import main

sys.exit(main())
