"""The benchmark's client side (bench/load.py, bench/servers.py) against a stub REST endpoint."""
import asyncio
import os
from pathlib import Path

import pytest
from aiohttp import web

from actions.knowledge_base import KNOWLEDGE
from advisor import replies
from advisor.advice import advise
from advisor.case import CaseFacts
from bench import load
from bench.servers import bench_endpoints, free_port, peak_rss_mb


def test_the_advice_text_is_recognised_and_a_checklist_alone_is_not():
    facts = CaseFacts(dispute_type="color_difference", amount_yuan=299, negotiation_rounds=2,
                      seller_attitude="refuses")
    advice = advise(KNOWLEDGE, facts)
    answer = [{"recipient_id": "x", "text": replies.checklist(KNOWLEDGE, facts)},
              {"recipient_id": "x", "text": replies.advice_text(KNOWLEDGE, facts, advice)}]
    assert load.reached_advice(answer)
    assert not load.reached_advice(answer[:1])
    assert not load.reached_advice([{"recipient_id": "x", "image": "a.png"}])


def test_every_scripted_conversation_is_typed_text():
    scripts = load.load_scripts()["conversations"]
    assert len(scripts) >= 3
    for s in scripts:
        assert not any(t.startswith("/") for t in s["turns"]), s["name"]  # no button payloads
        assert len(s["turns"]) >= 3, s["name"]  # a description and at least two answers


def test_scripts_without_turns_are_refused(tmp_path):
    bad = tmp_path / "c.yml"
    bad.write_text("conversations:\n  - name: empty\n    turns: []\n", "utf-8")
    with pytest.raises(ValueError):
        load.load_scripts(bad)


def run_stub(handler, coro_factory):
    """Serve `handler` as the REST webhook on a free port while the coroutine runs."""
    async def main():
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", handler)
        runner = web.AppRunner(app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            return await coro_factory(f"http://127.0.0.1:{port}")
        finally:
            await runner.cleanup()
    return asyncio.run(main())


SCRIPTS = [{"name": "two turns", "turns": ["衣服有色差", "/affirm"]}]


def test_conversations_are_counted_and_the_advice_is_seen():
    seen = {}

    async def bot(request):
        body = await request.json()
        seen[body["sender"]] = seen.get(body["sender"], 0) + 1
        text = "💡 我的建议：申请平台客服介入" if body["message"] == "/affirm" else "对吗？"
        return web.json_response([{"recipient_id": body["sender"], "text": text}])

    s = run_stub(bot, lambda url: load.each_once(url, SCRIPTS * 3))
    assert s["turns"] == 6 and s["errors"] == 0
    assert s["conversations_completed"] == 3 and s["advice_reached"] == 3
    assert sorted(seen.values()) == [2, 2, 2]  # a new sender for every conversation
    assert s["latency_ms"]["n"] == 6 and s["latency_ms"]["p50"] is not None


def test_failed_turns_are_counted_by_kind_and_never_stop_the_run():
    async def flaky(request):
        body = await request.json()
        if body["message"] == "/affirm":
            return web.Response(status=500, text="boom")
        return web.json_response([])  # an empty answer is an error too

    s = run_stub(flaky, lambda url: load.run_users(url, SCRIPTS, users=2, seconds=0.3, tag="t"))
    assert s["turns"] == 0 and s["errors"] > 0
    assert set(s["error_kinds"]) == {"empty_answer"}  # the first turn already fails
    assert s["conversations_completed"] == 0 and s["users"] == 2


def test_a_server_that_is_not_there_gives_errors_not_a_crash():
    port = free_port()  # nothing listens on it
    s = asyncio.run(load.each_once(f"http://127.0.0.1:{port}", SCRIPTS))
    assert s["errors"] == 1 and s["error_kinds"] == {"ClientConnectorError": 1}


def test_peak_rss_reads_the_kernels_high_water_mark():
    status = Path(f"/proc/{os.getpid()}/status").read_text()
    hwm_kb = int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])
    assert peak_rss_mb(os.getpid()) >= round(hwm_kb / 1024, 1) - 1  # ours plus any children


def test_bench_endpoints_keep_other_settings_and_replace_url_and_store(tmp_path):
    base = {"action_endpoint": {"url": "http://127.0.0.1:5055/webhook", "token": "t"},
            "tracker_store": {"type": "SQL", "dialect": "sqlite", "db": "trackers.db"},
            "lock_store": {"type": "in_memory"}}
    out = bench_endpoints(base, 40123, tmp_path / "t.db")
    assert out["action_endpoint"] == {"url": "http://127.0.0.1:40123/webhook", "token": "t"}
    assert out["tracker_store"] == {"type": "SQL", "dialect": "sqlite", "db": str(tmp_path / "t.db")}
    assert out["lock_store"] == {"type": "in_memory"}
    assert base["action_endpoint"]["url"].endswith(":5055/webhook")  # the input is not changed


def test_a_level_stops_at_the_most_turns_even_before_its_time(monkeypatch):
    async def bot(request):
        body = await request.json()
        return web.json_response([{"recipient_id": body["sender"], "text": "好的"}])

    monkeypatch.setattr(load, "MAX_TURNS_PER_LEVEL", 7)
    s = run_stub(bot, lambda url: load.run_users(url, SCRIPTS, users=2, seconds=30, tag="t"))
    assert 7 <= s["turns"] <= 8 and s["seconds"] < 10  # turns already sent by the 2 users finish
