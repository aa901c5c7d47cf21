import sys
from pathlib import Path

# Make the repo's packages importable without installing (pip install -e . does it too).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
