from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.short_replies import ShortReplyClassifier

CONFIG = {"replies": {"affirm": ["对", "有的", "OK"], "deny": ["没有", "不是"]}}


def classify(text, intent=("inform", 0.4)):
    m = Message({TEXT: text, INTENT: {"name": intent[0], "confidence": intent[1]},
                 INTENT_RANKING_KEY: [{"name": intent[0], "confidence": intent[1]}]})
    ShortReplyClassifier(CONFIG).process([m])
    return m


def test_listed_replies_get_their_intent_for_sure():
    for text, intent in [("对", "affirm"), ("对！", "affirm"), (" 有的~ ", "affirm"),
                         ("ok", "affirm"), ("没有。", "deny"), ("不是👎", "deny")]:
        m = classify(text)
        assert m.get(INTENT) == {"name": intent, "confidence": 1.0}, text
        assert m.get(INTENT_RANKING_KEY)[0]["name"] == intent


def test_other_messages_are_left_to_diet():
    for text in ("对了，卖家不理我", "没有聊天记录", "", "/affirm", "不是色差"):
        assert classify(text).get(INTENT) == {"name": "inform", "confidence": 0.4}, text
