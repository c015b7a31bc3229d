"""The voice tools a realtime speech model calls, and what the model hears."""
