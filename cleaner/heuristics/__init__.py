"""Heuristics: small named functions that find residue by shape and position rather than by words.

Each module says what it catches, why that is residue, and shows a before/after example. They propose
cuts on a :class:`cleaner.document.Doc`; the pipeline resolves and renders them.
"""
