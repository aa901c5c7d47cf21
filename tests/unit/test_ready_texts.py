"""Ready texts (advisor/ready_texts.py): the shopper's own facts, marked blanks for
the rest, never a guess; the intervention text within the form's limit; templates
naming an unknown field stop the knowledge file from loading."""
import copy
import re

import pytest
import yaml

from actions.ready_text import ActionReadyText
from advisor.case import CaseFacts
from advisor.knowledge import DEFAULT_PATH, KnowledgeError, default_knowledge, parse_knowledge
from advisor.ready_texts import KINDS, fill
from unit.action_helpers import make_tracker, run

K = default_knowledge()
BLANKS = K.ready_texts["blanks"]
CASE = CaseFacts(dispute_type="color_difference", amount_yuan=299.0, days_since_receipt=3, negotiation_rounds=2,
                 seller_attitude="shifts_blame", product_category="服装", wants="refund",
                 evidence_have=("daylight_comparison_photos", "chat_records"))


@pytest.mark.parametrize("kind", KINDS)
def test_each_text_carries_the_shoppers_facts_and_blanks_for_the_rest(kind):
    text = fill(K, kind, CASE)
    assert K.dispute_types["color_difference"].statement in text
    assert "退货退款" in text and "自然光下的实物对比照" in text and "3天前" in text
    assert BLANKS["order_id"] in text  # never collected: a blank to fill in
    if kind != "seller":
        assert "299元" in text and "2次" in text


@pytest.mark.parametrize("kind", KINDS)
def test_a_case_with_only_its_type_invents_nothing(kind):
    text = fill(K, kind, CaseFacts(dispute_type="quality"))
    body = text.split("\n", 2)[2]
    for name in ("order_id", "product", "received", "evidence", "ask"):
        assert BLANKS[name] in body, name
    # no amount, day or count the shopper did not give (48 h is our request, 12315 its name)
    assert not re.findall(r"\d+", re.sub(r"48小时|12315", "", body))


def test_a_parcel_that_never_came_is_not_said_to_have_come():
    text = fill(K, "seller", CaseFacts(dispute_type="logistics", goods_received=False, days_since_receipt=None))
    assert "至今未收到" in text and "天前收到" not in text


def test_the_intervention_text_fits_the_forms_limit_with_every_item():
    everything = CaseFacts(dispute_type="quality", amount_yuan=12999.0, days_since_receipt=5, negotiation_rounds=4,
                           seller_attitude="ignores", platform_status="ruled_for_buyer_not_honoured",
                           product_category="数码", wants="compensation", evidence_have=tuple(K.evidence_items))
    body = fill(K, "intervention", everything).split("\n", 2)[2]
    assert len(body) <= K.ready_texts["form_limit"]
    assert "12999元" in body and "卖家至今没有执行" in body


def test_an_integrators_order_id_fills_its_blank():
    text = fill(K, "complaint_12315", CASE, {"order_id": "T-20261125-001", "shop": "某旗舰店"})
    assert "T-20261125-001" in text and "某旗舰店" in text and BLANKS["order_id"] not in text


def test_a_template_naming_an_unknown_field_stops_the_knowledge_from_loading():
    raw = yaml.safe_load(DEFAULT_PATH.read_text("utf-8"))
    bad = copy.deepcopy(raw)
    bad["ready_texts"]["seller"]["text"] += "{phone_number}"
    with pytest.raises(KnowledgeError, match="phone_number"):
        parse_knowledge(bad)


def test_the_action_writes_the_text_or_asks_for_the_problem_first():
    msgs, events = run(ActionReadyText(), make_tracker("帮我写给卖家的话", "write_to_seller", 0.9))
    assert msgs[0]["text"] == K.ready_texts["need_case"]
    # asking for the problem is the dispute-type question: the next message answers it
    assert {"event": "slot", "timestamp": None, "name": "requested_slot", "value": "dispute_type"} in events
    slots = {"dispute_type": "quality", "amount_yuan": 59.0}
    msgs, _ = run(ActionReadyText(), make_tracker("写12315投诉", "write_12315", 0.9, slots=slots))
    assert msgs[0]["text"].startswith(K.ready_texts["complaint_12315"]["title"]) and "59元" in msgs[0]["text"]
