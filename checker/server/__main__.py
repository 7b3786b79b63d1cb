"""``python -m checker.server [--host H] [--port P] [--max-body BYTES] [--time-limit SECONDS]``."""

import sys

from .main import serve_main

sys.exit(serve_main(sys.argv[1:]))
