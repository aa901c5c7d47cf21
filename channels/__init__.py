"""Input channels: each translates between a chat platform and Rasa, nothing more."""
