import sys

from eligibility.cli import main

sys.exit(main())
