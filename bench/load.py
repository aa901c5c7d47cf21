"""Client side of the benchmark: NLU parse latency and simulated shoppers over REST.

Every request has a timeout; a refused, failed, timed-out or non-200 request
(or an empty answer) is counted as an error and never stops the run. A
shopper whose turn failed drops that conversation and starts the next one.
"""
import asyncio
import itertools
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

import aiohttp
import yaml

from bench.stats import latency_summary
from scripts.api_access import api_params

SCRIPTS = Path(__file__).resolve().parent / "conversations.yml"
ADVICE_MARK = "💡 我的建议"  # first line of advisor.replies.advice_text
TURN_TIMEOUT_S = 60
MAX_TURNS_PER_LEVEL = 10_000  # with the time limit, bounds a level even against a server failing fast


def load_scripts(path: Path = SCRIPTS) -> dict:
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    scripts = data.get("conversations")
    if not scripts or not all(s.get("turns") for s in scripts):
        raise ValueError(f"{path}: every conversation needs turns")
    return data


def reached_advice(replies: List[dict]) -> bool:
    """True when a bot answer (the list the REST channel returns) holds the advice."""
    return any(ADVICE_MARK in (m.get("text") or "") for m in replies)


@dataclass
class LoadResult:
    users: int
    seconds: float = 0.0
    latencies: List[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: Dict[str, int] = field(default_factory=dict)
    conversations: int = 0
    advice_reached: int = 0

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def summary(self) -> dict:
        turns = len(self.latencies)
        return {
            "users": self.users,
            "seconds": round(self.seconds, 1),
            "turns": turns,
            "turns_per_s": round(turns / self.seconds, 2) if self.seconds else 0.0,
            "latency_ms": latency_summary(self.latencies),
            "errors": self.errors,
            "error_kinds": self.error_kinds,
            "conversations_completed": self.conversations,
            "advice_reached": self.advice_reached,
        }


async def _turn(session, url: str, sender: str, message: str, result: LoadResult):
    start = time.perf_counter()
    try:
        async with session.post(f"{url}/webhooks/rest/webhook",
                                json={"sender": sender, "message": message}) as r:
            body = await r.json(content_type=None) if r.status == 200 else None
            if r.status != 200:
                result.error(f"http_{r.status}")
                return None
    except asyncio.TimeoutError:
        result.error("timeout")
        return None
    except (aiohttp.ClientError, ValueError) as e:
        result.error(type(e).__name__)
        return None
    if not isinstance(body, list) or not body:
        result.error("empty_answer")
        return None
    result.latencies.append(time.perf_counter() - start)
    return body


def _over(result: LoadResult, deadline: float) -> bool:
    return time.perf_counter() >= deadline or len(result.latencies) + result.errors >= MAX_TURNS_PER_LEVEL


async def _conversation(session, url: str, sender: str, script: dict, result: LoadResult,
                        stop=lambda: False) -> bool:
    """One scripted conversation; False when `stop()` said so before it ended."""
    replies = None
    for message in script["turns"]:
        if stop():
            return False
        replies = await _turn(session, url, sender, message, result)
        if replies is None:
            return True  # a failed turn ends this conversation (counted as an error)
    result.conversations += 1
    result.advice_reached += reached_advice(replies)
    return True


async def _shopper(session, url, scripts, first: int, deadline: float, result: LoadResult, tag):
    for n in itertools.count(first):
        script = scripts[n % len(scripts)]
        sender = f"bench-{tag}-{uuid.uuid4().hex[:10]}"
        # the bound: no new turn after the deadline or the most turns
        if not await _conversation(session, url, sender, script, result, lambda: _over(result, deadline)):
            return


async def run_users(url: str, scripts: list, users: int, seconds: float, tag: str) -> dict:
    """`users` shoppers, each running whole conversations back to back for `seconds`."""
    result = LoadResult(users)
    timeout = aiohttp.ClientTimeout(total=TURN_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=users + 5)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        start = time.perf_counter()
        deadline = start + seconds
        await asyncio.gather(*(_shopper(session, url, scripts, i, deadline, result, f"{tag}{users}u{i}")
                               for i in range(users)))
        result.seconds = time.perf_counter() - start
    return result.summary()


async def each_once(url: str, scripts: list) -> dict:
    """Every conversation once, one after another (the warm-up before the timed levels)."""
    result = LoadResult(1)
    start = time.perf_counter()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TURN_TIMEOUT_S)) as session:
        for script in scripts:
            await _conversation(session, url, f"bench-warmup-{uuid.uuid4().hex[:10]}", script, result)
    result.seconds = time.perf_counter() - start
    return result.summary()


async def parse_latency(url: str, texts: List[str], rounds: int) -> dict:
    """Sequential POST /model/parse over the corpus: one warm-up pass, then `rounds` timed passes."""
    samples, errors = [], 0
    timeout = aiohttp.ClientTimeout(total=TURN_TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for timed in [False] + [True] * rounds:
            for text in texts:
                start = time.perf_counter()
                try:
                    async with session.post(f"{url}/model/parse", json={"text": text}, params=api_params()) as r:
                        await r.read()
                        ok = r.status == 200
                except (asyncio.TimeoutError, aiohttp.ClientError):
                    ok = False
                if not timed:
                    continue
                if ok:
                    samples.append(time.perf_counter() - start)
                else:
                    errors += 1
    out = latency_summary(samples, points=(50, 95))
    out["errors"] = errors
    return out
