"""`python -m okrtui` runs the same program as `okrtui`."""

import sys

from okrtui.entry import main

sys.exit(main())
