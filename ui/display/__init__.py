"""The customer display: the screen that faces the customer, showing their stamp card when the
barista opens them or they check themselves in. Reaches the core through a ``Till`` only.
"""
