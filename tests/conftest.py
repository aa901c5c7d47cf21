import sys
from pathlib import Path

# Make the repo's packages importable without installing (pip install -e . does it too).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import os  # noqa: E402
import tempfile  # noqa: E402

# The tests' own case database (never the developer's .run/cases.db), migrated once:
# the actions write every case to it, and the e2e servers inherit the variable.
if not os.environ.get("CASES_DATABASE_URL"):
    _cases_dir = tempfile.mkdtemp(prefix="cases-")
    os.environ["CASES_DATABASE_URL"] = f"sqlite:///{_cases_dir}/cases.db"
    from storage import migrate as _migrate  # noqa: E402

    _migrate.upgrade(os.environ["CASES_DATABASE_URL"])
