"""socket.io session ids are issued and signed by the server: a made-up or altered id
gets a new session, a message cannot be filed under another session, and the REST
channel refuses to write under a web session's id (AsyncClient over polling, as a
script an attacker writes would connect)."""
import asyncio
import uuid

import requests
import socketio

from scripts.api_access import api_params


async def _session(url, ask=None, transport="polling"):
    client = socketio.AsyncClient()
    confirmed = asyncio.get_running_loop().create_future()
    replies = []
    client.on("session_confirm", lambda sid: confirmed.done() or confirmed.set_result(sid))
    client.on("bot_uttered", lambda m: replies.append(m))
    await client.connect(url, transports=[transport], socketio_path="/socket.io")
    await client.emit("session_request", {"session_id": ask})
    return client, await asyncio.wait_for(confirmed, 20), replies


def _user_texts(url, sender):
    r = requests.get(f"{url}/conversations/{sender}/tracker", params=api_params(), timeout=30)
    return [e.get("text") for e in r.json()["events"] if e["event"] == "user"]


async def _scenario(url):
    victim, victim_id, _ = await _session(url)
    assert victim_id.startswith("w-")
    await victim.emit("user_uttered", {"message": "买的裙子色差很大", "session_id": victim_id})
    await asyncio.sleep(3)

    made_up = "w-" + uuid.uuid4().hex + "-" + "0" * 24
    guesser, got, _ = await _session(url, made_up)
    assert got not in (made_up, victim_id)
    # altering one character of the real id is refused too
    altered = victim_id[:-1] + ("0" if victim_id[-1] != "0" else "1")
    forger, got2, forged_replies = await _session(url, altered)
    assert got2 not in (altered, victim_id)
    # a message that claims the victim's session is not filed there
    await forger.emit("user_uttered", {"message": "我要改成假货", "session_id": victim_id})
    await asyncio.sleep(3)
    assert forged_replies == []
    for c in (victim, guesser, forger):
        await c.disconnect()
    return victim_id


def test_a_session_cannot_be_taken_over_through_socketio_or_rest(servers):
    victim_id = asyncio.run(_scenario(servers))
    assert _user_texts(servers, victim_id) == ["买的裙子色差很大"]
    r = requests.post(f"{servers}/webhooks/rest/webhook", timeout=30,
                      json={"sender": victim_id, "message": "我要改成假货"})
    assert r.status_code == 403
    assert _user_texts(servers, victim_id) == ["买的裙子色差很大"]


async def _flood(url):
    # over websocket: a burst over polling is cut by engine.io itself (16 packets a request)
    client, session_id, replies = await _session(url, transport="websocket")
    for i in range(40):
        await client.emit("user_uttered", {"message": f"鞋子开胶了{i}", "session_id": session_id})
    await asyncio.sleep(8)
    calm, calm_id, calm_replies = await _session(url)
    await calm.emit("user_uttered", {"message": "买的裙子色差很大", "session_id": calm_id})
    await asyncio.sleep(4)
    for c in (client, calm):
        await c.disconnect()
    return session_id, replies, calm_replies


def test_a_flood_from_one_web_session_is_limited_while_another_is_answered(servers):
    session_id, replies, calm_replies = asyncio.run(_flood(servers))
    assert sum("发得太快" in (m.get("text") or "") for m in replies) >= 15
    assert len(_user_texts(servers, session_id)) <= 25
    assert any("色差" in (m.get("text") or "") for m in calm_replies)


async def _oversized(url):
    big, big_id, _ = await _session(url, transport="websocket")
    try:
        await big.emit("user_uttered", {"message": "好" * 40_000, "session_id": big_id})  # ~120 KB of JSON
        await asyncio.sleep(3)
    finally:
        await big.disconnect()
    ok, ok_id, replies = await _session(url)
    await ok.emit("user_uttered", {"message": "买的裙子色差很大", "session_id": ok_id})
    await asyncio.sleep(4)
    await ok.disconnect()
    return big_id, replies


def test_an_oversized_socketio_packet_reaches_no_conversation_and_the_channel_still_works(servers):
    big_id, replies = asyncio.run(_oversized(servers))
    assert _user_texts(servers, big_id) == []
    assert any("色差" in (m.get("text") or "") for m in replies)
