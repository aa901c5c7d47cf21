"""Custom actions: thin translators between Rasa's tracker and `advisor`."""
