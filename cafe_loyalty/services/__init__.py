"""The service API the till, the owner screens and the CLI all call."""
