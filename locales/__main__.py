"""`python -m locales update|check|compile`: see locales/tools.py."""

import sys

from locales.tools import main

sys.exit(main())
