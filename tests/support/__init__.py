"""Helpers shared by the test modules (one place each, imported as ``tests.support.<module>``)."""
