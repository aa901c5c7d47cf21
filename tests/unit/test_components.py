"""The two custom NLU graph components, created, trained, persisted and loaded
the way Rasa does it (a real LocalModelStorage in tmp_path), run on real
Message objects."""
import shutil
from pathlib import Path
from typing import Any, List, Tuple

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from advisor.knowledge import DEFAULT_PATH
from advisor.numbers import parse_amount, parse_count, parse_days
from components.case_facts import CaseFactsExtractor
from components.normalizer import ChineseTextNormalizer


def _storage(path: Path) -> LocalModelStorage:
    path.mkdir(parents=True, exist_ok=True)
    return LocalModelStorage.create(path)


def _short(value: Any) -> str:
    """Readable test ids for long inputs."""
    text = repr(value)
    return text if len(text) <= 24 else f"{text[:16]}...({len(value)})"


@pytest.fixture
def model_storage(tmp_path: Path) -> LocalModelStorage:
    return _storage(tmp_path / "storage")


@pytest.fixture
def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test-model")


def _train_and_load(model_storage, context, config=None) -> CaseFactsExtractor:
    config = {**CaseFactsExtractor.get_default_config(), **(config or {})}
    resource = Resource("train_CaseFactsExtractor")
    trained = CaseFactsExtractor.create(config, model_storage, resource, context)
    assert trained.train(TrainingData()) == resource
    return CaseFactsExtractor.load(config, model_storage, resource, context)


@pytest.fixture
def extractor(model_storage, context) -> CaseFactsExtractor:
    return _train_and_load(model_storage, context)


@pytest.fixture
def normalizer(model_storage, context) -> ChineseTextNormalizer:
    config = ChineseTextNormalizer.get_default_config()
    return ChineseTextNormalizer.load(config, model_storage, Resource("normalizer"), context)


def _run(component, text: str, entities=None) -> Message:
    message = Message.build(text=text)
    if entities is not None:
        message.set("entities", entities)
    component.process([message])
    return message


def _facts(message: Message, extractor_name="CaseFactsExtractor") -> List[Tuple[str, Any]]:
    return [
        (e["entity"], e["value"])
        for e in message.get("entities", [])
        if e.get("extractor") == extractor_name
    ]


# ---------------------------------------------------------------- normalizer
@pytest.mark.parametrize(
    "text, expected",
    [
        ("買的連衣裙顏色差太多", "买的连衣裙颜色差太多"),
        ("賣家說是光線問題不給退", "卖家说是光线问题不给退"),
        ("花了２９９元，ＯＫ？", "花了299元，OK？"),  # digits and letters half-width, ，？ kept
        ("１．２万的包", "1.2万的包"),
        ("收到\u200b三天\u200d了\ufeff", "收到三天了"),  # zero-width characters
        ("花了\x00299\x07元", "花了299元"),  # control characters
        ("  收到   三天了\n\n 花了299\t元  ", "收到 三天了 花了299 元"),
        ("\u3000全角空格\u3000", "全角空格"),
        ("", ""),
        ("😀😀", "😀😀"),
    ],
)
def test_normalizer_rewrites_text(normalizer, text, expected):
    assert _run(normalizer, text).get("text") == expected


def test_normalizer_keeps_the_original_and_caps_the_length(model_storage, context):
    normalizer = ChineseTextNormalizer.create(
        {"max_chars": 10}, model_storage, Resource("n"), context
    )
    message = _run(normalizer, "買的連衣裙顏色差太多了，花了299")
    assert message.get("text") == "买的连衣裙颜色差太多"
    assert message.get("original_text") == "買的連衣裙顏色差太多了，花了299"
    # the original is not part of the parse result
    assert "original_text" not in message.as_dict(only_output_properties=True)


def test_normalizer_leaves_button_payloads_alone(normalizer):
    payload = '/inform{"product_category": "服裝"}'
    assert _run(normalizer, payload).get("text") == payload


@pytest.mark.parametrize(
    "text", ["\ud83d", "\x00" * 50, "a" * 5000, "\u202e反转\u202c", "\r\n\t", "﷽" * 10], ids=_short
)
def test_normalizer_never_raises(normalizer, text):
    result = _run(normalizer, text).get("text")
    assert isinstance(result, str) and len(result) <= 1000


def test_normalizer_without_text_does_nothing(normalizer):
    message = Message(data={"intent": "greet"})
    normalizer.process([message])
    assert message.get("text") is None


def test_normalizer_moves_training_entities_with_the_text(normalizer):
    text = "\u200b買了　兩百九十九塊的連衣裙"
    start = text.index("兩百九十九塊")
    example = Message.build(
        text=text,
        intent="report_color_difference",
        entities=[
            {"entity": "amount", "start": start, "end": start + 6, "value": "兩百九十九塊"},
            {"entity": "product_category", "start": start + 7, "end": start + 10, "value": "服装"},
        ],
    )
    data = normalizer.process_training_data(TrainingData([example]))
    [message] = data.training_examples
    new_text = message.get("text")
    assert new_text == "买了 两百九十九块的连衣裙"
    amount, category = message.get("entities")
    assert new_text[amount["start"] : amount["end"]] == "两百九十九块"
    assert amount["value"] == "两百九十九块"  # the value was the annotated text
    assert new_text[category["start"] : category["end"]] == "连衣裙"
    assert category["value"] == "服装"  # a synonym value stays as it is


def test_entities_follow_a_conversion_that_changes_the_length(normalizer):
    class Stretching:  # OpenCC phrase tables may map n characters to m
        def convert(self, text):
            return text.replace("甲", "乙乙")

    normalizer._converter = Stretching()
    text = "甲甲花了299元甲"
    example = Message.build(
        text=text, intent="x", entities=[{"entity": "amount", "start": 4, "end": 8, "value": "299元"}]
    )
    normalizer.process_training_data(TrainingData([example]))
    [entity] = example.get("entities")
    assert example.get("text") == "乙乙乙乙花了299元乙乙"
    assert example.get("text")[entity["start"] : entity["end"]] == "299元"


# ------------------------------------------------------------ case facts
def test_color_case(extractor):
    message = _run(extractor, "买的连衣裙和图片颜色差太多了，花了299，卖家说是光线问题不给退")
    facts = _facts(message)
    assert ("product_category", "服装") in facts
    assert ("dispute_type", "color_difference") in facts
    assert ("amount", 299.0) in facts
    assert ("seller_attitude", "shifts_blame") in facts
    assert ("seller_attitude", "refuses") in facts
    # 图片 here is the listing's picture, not a photo the user took
    assert not [f for f in facts if f[0] == "evidence"]
    # the first type named comes first
    types = [v for e, v in facts if e == "dispute_type"]
    assert types[0] == "color_difference"


def test_entity_format(extractor):
    text = "收到三天了，花了两百九十九块"
    message = _run(extractor, text)
    days, amount = message.get("entities")
    assert days == {
        "entity": "days",
        "value": 3,
        "start": 2,
        "end": 4,
        "confidence": 1.0,
        "extractor": "CaseFactsExtractor",
    }
    assert amount["entity"] == "amount" and amount["value"] == 299.0
    assert isinstance(amount["value"], float) and isinstance(days["value"], int)
    assert text[amount["start"] : amount["end"]] == "两百九十九块"


def test_fraud_case(extractor):
    facts = _facts(_run(extractor, "1.2万的包是假货，卖家不理我"))
    assert ("amount", 12000.0) in facts
    assert ("dispute_type", "fraud") in facts
    assert ("seller_attitude", "ignores") in facts


def test_correction_names_only_the_new_type(extractor):
    for text in ("不是色差，是尺码不对", "不是色差，是尺码"):
        facts = _facts(_run(extractor, text))
        assert [v for e, v in facts if e == "dispute_type"] == ["size"], text


def test_evidence_skips_negated_mentions(extractor):
    facts = _facts(_run(extractor, "我拍了照片，但没有聊天记录"))
    assert facts == [("evidence", "defect_photos")]
    assert _facts(_run(extractor, "没有聊天记录")) == []


def test_one_keyword_can_name_several_evidence_items(extractor):
    facts = _facts(_run(extractor, "物流截图我有"))
    assert sorted(v for e, v in facts if e == "evidence") == [
        "logistics_records",
        "tracking_screenshot",
    ]


def test_the_longest_keyword_wins(extractor):
    facts = _facts(_run(extractor, "我有开箱视频"))
    assert ("evidence", "unboxing_video") in facts
    assert ("evidence", "defect_video") not in facts


@pytest.mark.parametrize(
    "text, expected",
    [
        ("我急用，卖家已读不回，沟通了三次了", [("urgent", True), ("seller_attitude", "ignores"), ("negotiation_rounds", 3)]),
        ("平台判了卖家不执行，我要起诉", [("ruling_ignored", True), ("legal_matter", True)]),
        ("不是很急", []),
        ("面霜用了脸过敏，红肿", [("product_category", "美妆护肤"), ("dispute_type", "allergy")]),
        ("卖家同意退款了", [("seller_attitude", "cooperative")]),
        ("还没联系卖家", [("seller_attitude", "not_contacted")]),
        ("颜色不对", [("dispute_type", "color_difference")]),
        ("是不是色差啊", [("dispute_type", "color_difference")]),
        ("没想到颜色差这么多", [("dispute_type", "color_difference")]),
        ("发货五天了还是没收到", [("dispute_type", "logistics")]),  # no days: not arrived
        ("前天到的，-5元", [("days", 2), ("amount", -5.0)]),
        ("你好", []),
    ],
)
def test_realistic_messages(extractor, text, expected):
    assert _facts(_run(extractor, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "299元",
        "花了299",
        "两百九十九块",
        "1.2万",
        "¥1,299",
        "付了八十八块八",
        "38码",
        "11月11日",
        "第2件",
        "收到三天了",
        "发货五天了还没到",
        "前天到的",
        "沟通了三次",
        "洗了两次",
        "花了 299 元，收到 3 天了，找了卖家 2 次",
        "双11花了299",
    ],
)
def test_extractor_reads_numbers_like_advisor_numbers(extractor, text):
    facts = _facts(_run(extractor, text))
    for entity, parse in (("amount", parse_amount), ("days", parse_days), ("negotiation_rounds", parse_count)):
        values = [v for e, v in facts if e == entity]
        expected = parse(text)
        assert values[:1] == ([] if expected is None else [expected])


def test_appends_to_existing_entities(extractor):
    existing = [{"entity": "other", "value": "x", "start": 0, "end": 1, "extractor": "DIET"}]
    message = _run(extractor, "花了299", entities=list(existing))
    assert message.get("entities")[0] == existing[0]
    assert _facts(message) == [("amount", 299.0)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "😀😀😀🙂",
        "\x00\x01\x02\x1b[31m",
        "\ud83d",
        "花了299，" * 700,  # 5,600 characters
        "1" * 5000,
        "没" * 5000,
        "/inform{\"amount\": 5}",
    ],
    ids=_short,
)
def test_extractor_never_raises(extractor, text):
    message = _run(extractor, text)
    assert isinstance(message.get("entities", []), list)


def test_extractor_without_text_does_nothing(extractor):
    message = Message(data={"intent": "greet"})
    extractor.process([message])
    assert message.get("entities") is None


def test_trained_model_does_not_need_the_knowledge_file(tmp_path, context):
    knowledge = tmp_path / "disputes.yml"
    shutil.copy(DEFAULT_PATH, knowledge)
    config = {**CaseFactsExtractor.get_default_config(), "knowledge_path": str(knowledge)}
    storage = _storage(tmp_path / "storage")
    resource = Resource("case_facts")
    CaseFactsExtractor.create(config, storage, resource, context).train(TrainingData())

    knowledge.unlink()
    loaded = CaseFactsExtractor.load(config, storage, resource, context)
    assert ("dispute_type", "fraud") in _facts(_run(loaded, "买到假货了"))


def test_fingerprint_follows_the_knowledge_file(tmp_path):
    knowledge = tmp_path / "disputes.yml"
    shutil.copy(DEFAULT_PATH, knowledge)
    config = {"knowledge_path": str(knowledge)}
    before = CaseFactsExtractor.fingerprint_addon(config)
    knowledge.write_text(knowledge.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert CaseFactsExtractor.fingerprint_addon(config) != before


def test_normalizer_then_extractor_on_traditional_text(normalizer, extractor):
    message = Message.build(text="買的連衣裙顏色差太多，花了２９９元，賣家不理我")
    normalizer.process([message])
    extractor.process([message])
    facts = _facts(message)
    assert ("dispute_type", "color_difference") in facts
    assert ("amount", 299.0) in facts
    assert ("seller_attitude", "ignores") in facts
    assert ("product_category", "服装") in facts
