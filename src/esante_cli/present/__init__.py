"""Presentation: render (the only code that prints), cards, formats. Rich is imported only on a terminal:
here, and in cli/guide.py for the questions it asks."""
