"""Languages, URL patterns, theme translations (Babel) and locale formatting.

A library package used by the catalogue plugin: it registers no signals of its own.
"""
