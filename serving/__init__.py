"""How the assistant's processes are started, watched and stopped (one machine or a cluster)."""
