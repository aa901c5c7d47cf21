"""Where conversations are kept, and how they are forgotten (Rasa-side; advisor/ knows nothing of it)."""
