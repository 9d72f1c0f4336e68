import sys

from firststop.cli import main

sys.exit(main())
