"""The custom NLU graph component (the text normaliser), created and run the
way Rasa does it (a real LocalModelStorage in tmp_path), on real Message objects."""
from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("買的連衣裙顏色差太多", "买的连衣裙颜色差太多"),
        ("賣家說是光線問題不給退", "卖家说是光线问题不给退"),
        ("花了２９９元，ＯＫ？", "花了299元，OK？"),  # digits and letters half-width, ，？ kept
        ("１．２万的包", "1.2万的包"),
        ("收到\u200b三天\u200d了\ufeff", "收到三天了"),  # zero-width characters
        ("花了\x00299\x07元", "花了299元"),  # control characters
        ("  收到   三天了\n\n 花了299\t元  ", "收到，三天了，花了299 元"),
        # chat fragments: a space between Chinese characters ends a clause; others stay
        ("找了店家三次 回回让我重新量脚", "找了店家三次，回回让我重新量脚"),
        ("iPhone 15 手机壳 wtf", "iPhone 15 手机壳 wtf"),
        # a pasted line ends its clause ("实付款 ¥86.50" is not read into the next line's sizes)
        ("尺码：130\n实付款 ¥86.50\n\n尺码表上130的裤长写78", "尺码：130，实付款 ¥86.50，尺码表上130的裤长写78"),
        ("订单详情：\n毛呢外套\n", "订单详情： 毛呢外套"),  # (not after a colon, nor at the end)
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
    assert new_text == "买了，两百九十九块的连衣裙"  # the space between Chinese characters: a comma
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


# ------------------------------------------- sentence-only count vectors (speed, same features)

def _trained_featurizer(cls, config_changes, storage, context, examples):
    from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer

    tokenizer = JiebaTokenizer.create({**JiebaTokenizer.get_default_config()}, storage, Resource("tok"), context)
    data = TrainingData([Message.build(text=t, intent=i) for t, i in examples])
    tokenizer.process_training_data(data)
    featurizer = cls.create({**cls.get_default_config(), **config_changes}, storage,
                            Resource(f"{cls.__name__}{len(config_changes)}"), context)
    featurizer.train(data)
    return tokenizer, featurizer


@pytest.mark.parametrize("config_changes", [{}, {"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4}])
def test_sentence_count_vectors_make_rasa_s_sentence_features_and_no_sequence(tmp_path, context, config_changes):
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer

    from components.sentence_count_vectors import SentenceCountVectorsFeaturizer

    examples = [("买的连衣裙颜色和图片差太多了", "report_color_difference"), ("快递十天了还没到", "report_logistics"),
                ("客服说是光线问题不给退", "report_refund_refused"), ("穿着小了一码 挤脚", "report_size")]
    tok, rasa_f = _trained_featurizer(CountVectorsFeaturizer, config_changes, _storage(tmp_path / "a"), context,
                                      examples)
    _, ours = _trained_featurizer(SentenceCountVectorsFeaturizer, config_changes, _storage(tmp_path / "b"), context,
                                  examples)
    for text in ("买的裙子颜色不对，卖家不理", "快递丢了 smh", "穿着小了两码", "从来没见过的字"):
        a, b = Message.build(text=text), Message.build(text=text)
        tok.process([a, b])
        rasa_f.process([a])
        ours.process([b])
        seq_a, sent_a = a.get_sparse_features("text")
        seq_b, sent_b = b.get_sparse_features("text")
        assert seq_a is not None and seq_b is None  # no sequence matrix made
        assert (sent_a.features != sent_b.features).nnz == 0 and sent_a.features.shape == sent_b.features.shape
