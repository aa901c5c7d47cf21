"""The shopper's data over REST with the real servers (PIPL): the notice at the first
contact, "删除我的记录" confirmed and carried out, and nothing of the old conversation
left behind in the tracker API or the case file."""
import requests

from scripts.api_access import api_params

MARK = "独角兽图案的拖鞋"


def tracker(bot):
    r = requests.get(f"{bot.url}/conversations/{bot.sender}/tracker", params=api_params(), timeout=30)
    r.raise_for_status()
    return r.json()


def test_the_first_reply_says_what_is_kept_and_how_to_delete_it(bot):
    first = bot.texts("你好")
    assert "删除我的记录" in first and "180天" in first
    assert "删除我的记录" not in bot.texts("买的鞋子开胶了")  # once


def cases_of(sender):
    from storage.case_store import SQLCaseStore

    store = SQLCaseStore()  # CASES_DATABASE_URL: the tests' own, shared with the servers
    try:
        return store.cases_of(sender)
    finally:
        store.engine.dispose()


def test_delete_my_records_asks_then_deletes_the_whole_conversation(bot):
    bot.texts(f"买的{MARK}穿了两天就开胶了，199块，卖家不理我")
    assert bot.slots()["dispute_type"] == "quality"
    assert MARK in str(tracker(bot)["events"])
    [case] = cases_of(bot.sender)  # the case file has it too, not only the tracker
    assert case.facts["dispute_type"] == "quality" and case.facts["amount_yuan"] == 199
    assert "确定要删除吗" in bot.texts("删除我的记录")
    assert "已删除" in bot.texts("确认删除")
    t = tracker(bot)
    assert MARK not in str(t) and not any(e.get("event") == "user" for e in t["events"])
    assert t["slots"]["dispute_type"] is None
    assert cases_of(bot.sender) == []  # no case rows remain
    # the shopper starts afresh: a new case, and the notice again
    reply = bot.texts("买的裙子色差很大")
    assert "色差" in reply and "删除我的记录" in reply
    assert MARK not in str(tracker(bot))


def test_saying_no_keeps_everything(bot):
    bot.texts(f"买的{MARK}穿了两天就开胶了")
    bot.texts("把我的记录删了")
    assert "没有删除" in bot.texts("先不删")
    t = tracker(bot)
    assert MARK in str(t["events"]) and t["slots"]["dispute_type"] == "quality"
