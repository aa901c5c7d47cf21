"""Domain core of the dispute advisor: knowledge, fact parsing and advice rules.

Knows nothing of Rasa, so it can be tested and reused on its own.
"""
