import sys

from esante_cli.entry import main

sys.exit(main())
