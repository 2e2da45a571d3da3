"""``python -m kb``: the project's commands (``python -m kb --help``)."""

import sys

from kb.tools.main import main

sys.exit(main())
