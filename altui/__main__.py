"""``python -m altui``."""

from altui.cli import main

main()
