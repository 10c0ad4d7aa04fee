"""Presentation: render (the only code that prints), cards, formats. Rich is imported only here, only on a terminal."""
