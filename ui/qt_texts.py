"""Qt's own words that its Persian translation (qtbase_fa) leaves in English: the file dialog's
"Look in:" and "Files of type:" (Qt 6 added the shortcut ampersands, the Persian file has the
old spellings). Our translation supplies them; it is installed after Qt's, so Qt asks it first.
Nothing imports this module: it is here for lupdate to find the strings."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_OWN = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
