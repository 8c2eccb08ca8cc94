"""The PySide6 till: windows, widgets, Qt models and the worker that runs service calls."""
