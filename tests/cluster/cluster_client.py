"""A shopper talking REST to the cluster (nginx) or to one instance."""
import uuid

import requests

from scripts.api_access import api_params

# the machine's real services; each run uses a database and a Redis database number of its own
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/2"


class Shopper:
    """One conversation over REST, to nginx or to one instance."""

    def __init__(self, url: str):
        self.url = url
        self.sender = f"cluster-{uuid.uuid4().hex[:12]}"

    def say(self, text: str, url: str = None, timeout: float = 60) -> list:
        r = requests.post(f"{url or self.url}/webhooks/rest/webhook",
                          json={"sender": self.sender, "message": text}, timeout=timeout)
        r.raise_for_status()
        return r.json()

    def tracker(self, url: str = None) -> dict:
        r = requests.get(f"{url or self.url}/conversations/{self.sender}/tracker", params=api_params(), timeout=30)
        r.raise_for_status()
        return r.json()

    def user_texts(self, url: str = None) -> list:
        return [e["text"] for e in self.tracker(url)["events"] if e["event"] == "user"]
