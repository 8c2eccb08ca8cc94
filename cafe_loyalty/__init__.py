"""cafe-loyalty core: the data, rules and services of the till. Never imports Qt.

The Qt front end (``ui``) and the CLI (``cafe_loyalty.cli``) are two thin callers of the
services collected by :class:`cafe_loyalty.app.Cafe`.
"""

__version__ = "0.1.0"
APP_NAME = "cafe-loyalty"
