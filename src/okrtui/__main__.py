"""`python -m okrtui` runs the same command as `okrtui`."""

import sys

from okrtui.cli import main

sys.exit(main())
