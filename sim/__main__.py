"""``python -m sim``: the same as the ``werkhalle`` command."""

from sim.cli import main

if __name__ == "__main__":
    main()
