"""`make bench`: speed, memory and accuracy of the assistant next to a stock Rasa config."""
