#!/usr/bin/env python
from secretaria.cli import main

if __name__ == "__main__":
    main()
