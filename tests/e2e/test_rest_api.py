"""The REST webhook as a bot that embeds the assistant sees it."""
import uuid

import pytest
import requests
from scripts.api_access import api_params


def post(servers, body=None, data=None):
    return requests.post(f"{servers}/webhooks/rest/webhook", json=body, data=data,
                         headers={"Content-Type": "application/json"}, timeout=60)


def test_answer_is_a_list_of_messages_with_buttons(servers):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    r = post(servers, {"sender": sender, "message": "买的裙子颜色和图片差太多了"})
    assert r.status_code == 200
    messages = r.json()
    assert all(m["recipient_id"] == sender for m in messages)
    asked = [m for m in messages if m.get("buttons")]
    assert asked, messages
    buttons = asked[0]["buttons"]
    assert {"title", "payload"} <= set(buttons[0])
    # payloads are plain text, read like anything the shopper types (no "/intent" payloads)
    assert all(b["payload"] and not b["payload"].startswith("/") for b in buttons), buttons
    before = slots(servers, sender)
    assert before["requested_slot"] == "amount_yuan"  # the type is known: the amount is asked
    # a tap on a button is its payload sent back as the next message: 「不想说」 answers the question
    r = post(servers, {"sender": sender, "message": buttons[0]["payload"]})
    assert r.status_code == 200 and r.json()
    after = slots(servers, sender)
    assert after["requested_slot"] not in (None, "amount_yuan") and after["amount_yuan"] == 0


def test_an_integrators_old_style_payload_still_works(servers):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    post(servers, {"sender": sender, "message": "买的裙子颜色和图片差太多了，花了299"})
    assert slots(servers, sender)["dispute_type"] == "color_difference"
    r = post(servers, {"sender": sender, "message": '/correct_dispute_type{"dispute_type": "size"}'})
    assert r.status_code == 200
    assert "「尺码不符」" in "".join(m.get("text", "") for m in r.json())
    now = slots(servers, sender)
    assert now["dispute_type"] == "size" and now["amount_yuan"] == 299


def slots(servers, sender):
    return requests.get(f"{servers}/conversations/{sender}/tracker", params=api_params(), timeout=30).json()["slots"]


def test_metadata_is_kept_with_the_user_message(servers):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    r = post(servers, {"sender": sender, "message": "你好", "metadata": {"order_id": "T-1001"}})
    assert r.status_code == 200
    tracker = requests.get(f"{servers}/conversations/{sender}/tracker", params=api_params(), timeout=30).json()
    assert tracker["latest_message"]["metadata"] == {"order_id": "T-1001"}


@pytest.mark.parametrize("body", [
    [],
    {"message": "你好"},
    {"sender": "", "message": "你好"},
    {"sender": "s-1", "message": 299},
    {"sender": "s-1"},
    {"sender": "s-1", "message": "你好", "metadata": "order 1"},
])
def test_bad_bodies_get_400_with_a_reason(servers, body):
    r = post(servers, body)
    assert r.status_code == 400
    assert r.json()["error"] == "bad_request" and r.json()["reason"]


def test_body_that_is_not_json_gets_400(servers):
    r = post(servers, data=b"sender=me&message=hi")
    assert r.status_code == 400
    assert "JSON" in r.json()["reason"]


def test_missing_sender_does_not_reach_the_shared_default_conversation(servers):
    post(servers, {"message": "衣服起球了"})
    tracker = requests.get(f"{servers}/conversations/default/tracker", params=api_params(), timeout=30).json()
    assert not [e for e in tracker["events"] if e["event"] == "user"]
