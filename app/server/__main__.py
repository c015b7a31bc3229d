"""``python -m app.server HOST PORT WORKERS``: the uvicorn supervisor ``voicecart serve --workers`` becomes.

Started by :func:`app.server.serve.serve` with the settings in its environment; not a user command.
"""

import sys

from app.server.serve import supervise

if __name__ == "__main__":
    host, port, workers = sys.argv[1:4]
    supervise(host, int(port), int(workers))
