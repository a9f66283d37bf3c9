"""cleaner: strip boilerplate and noise from scraped news, and say what was cut and why.

The public surface is small: :func:`clean`, :class:`Cleaner`, :class:`CleanResult`, :class:`Removal`,
:func:`replay`, and the ``cleaner`` command line.

Example:
    >>> from cleaner import clean
    >>> r = clean("Share\\nThe council approved the budget on Tuesday after a long debate.\\nAdvertisement")
    >>> r.text
    'The council approved the budget on Tuesday after a long debate.'
    >>> sorted({x.kind for x in r.removed})
    ['ui_chrome']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cleaner.result import CleanResult, Removal

__version__ = "0.1.0"
__all__ = ["CleanResult", "Cleaner", "Removal", "__version__", "clean", "replay"]

if TYPE_CHECKING:  # pragma: no cover
    from cleaner.pipeline import Cleaner, clean, replay


def __getattr__(name: str) -> Any:
    # The pipeline pulls in regex, the rule files and (for HTML) trafilatura; importing it lazily keeps
    # `import cleaner.result` and `cleaner --help` fast.
    if name in ("Cleaner", "clean", "replay"):
        from cleaner import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
