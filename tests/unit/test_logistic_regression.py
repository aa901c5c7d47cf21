"""Our logistic-regression classifier predicts exactly what Rasa's does, with the weights
kept in the layout the prediction reads."""
import copy

import numpy as np
import pytest
import scipy.sparse as sp
from rasa.nlu.classifiers.logistic_regression_classifier import (
    LogisticRegressionClassifier as RasaLogisticRegressionClassifier,
)
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from sklearn.linear_model import LogisticRegression

from components.logistic_regression import LogisticRegressionClassifier


def messages(rows):
    out = []
    for row in rows:
        m = Message(data={TEXT: "x"})
        m.add_features(Features(sp.csr_matrix(row), "sentence", TEXT, "test"))
        out.append(m)
    return out


def test_predictions_are_identical_and_the_weights_column_major():
    rng = np.random.default_rng(42)
    X = sp.random(300, 2000, density=0.01, format="csr", random_state=42)
    y = [f"intent_{i}" for i in rng.integers(0, 6, 300)]
    fitted = LogisticRegression(max_iter=1000, random_state=42).fit(X, y)
    ours = LogisticRegressionClassifier({}, "lr", None, None)
    rasas = RasaLogisticRegressionClassifier({}, "lr", None, None)
    ours.clf, rasas.clf = copy.deepcopy(fitted), copy.deepcopy(fitted)
    assert not ours.clf.coef_.flags["F_CONTIGUOUS"]  # as Rasa trains and loads it
    rows = sp.random(40, 2000, density=0.01, format="csr", random_state=7).toarray()
    got = [m.get("intent_ranking") for m in ours.process(messages(rows))]
    want = [m.get("intent_ranking") for m in rasas.process(messages(rows))]
    assert got == want  # the same intents and confidences, to the last bit
    assert ours.clf.coef_.flags["F_CONTIGUOUS"]


def test_rows_are_built_as_rasa_builds_them():
    """Two featurizers' sentence features (as word and char counts give them), sequence
    features beside them, one message or several: the same matrix as Rasa's."""
    rng = np.random.default_rng(3)

    def message(i):
        m = Message(data={TEXT: f"m{i}"})
        m.add_features(Features(sp.random(3, 50, density=0.2, format="coo", random_state=i, dtype=np.int64),
                                "sequence", TEXT, "words"))
        m.add_features(Features(sp.random(1, 50, density=0.2, format="coo", random_state=i, dtype=np.int64),
                                "sentence", TEXT, "words"))
        m.add_features(Features(sp.coo_matrix(rng.integers(0, 3, (1, 80))), "sentence", TEXT, "chars"))
        return m

    ours = LogisticRegressionClassifier({}, "lr", None, None)
    rasas = RasaLogisticRegressionClassifier({}, "lr", None, None)
    for batch in ([message(0)], [message(i) for i in range(5)]):
        with pytest.MonkeyPatch.context() as mp:  # the sparse-only rows take the quick path
            mp.setattr(RasaLogisticRegressionClassifier, "_create_X",
                       lambda *a: pytest.fail("fell back to Rasa's stacking"))
            ours._create_X(batch)
        got, want = ours._create_X(batch), rasas._create_X(batch)
        assert got.shape == want.shape == (len(batch), 130)
        assert got.dtype == want.dtype
        assert (got != want).nnz == 0
    dense = message(9)
    dense.add_features(Features(np.ones((1, 4)), "sentence", TEXT, "vectors"))
    assert (ours._create_X([dense]) != rasas._create_X([dense])).nnz == 0  # Rasa's own way


def test_c_is_scikit_learns_default_unless_configured():
    assert LogisticRegressionClassifier({}, "lr", None, None).clf.C == 1.0
    assert LogisticRegressionClassifier({"C": 3}, "lr", None, None).clf.C == 3.0
    # everything else as Rasa configures it
    ours = LogisticRegressionClassifier({}, "lr", None, None).clf.get_params()
    rasas = RasaLogisticRegressionClassifier({}, "lr", None, None).clf.get_params()
    assert ours == rasas


def _storage_and_context(tmp_path):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    return LocalModelStorage(tmp_path), Resource("lr"), ExecutionContext(GraphSchema({}), node_name="lr")


def _fitted():
    rng = np.random.default_rng(5)
    X = sp.random(200, 500, density=0.02, format="csr", random_state=5)
    y = [f"intent_{i}" for i in rng.integers(0, 4, 200)]
    return LogisticRegression(max_iter=1000, random_state=42).fit(X, y)


def test_saved_as_plain_arrays_and_loaded_predicting_the_same(tmp_path):
    """Saved without skops (its import alone took 6.8 s of a server start): the loaded
    classifier ranks every message with the same intents and confidences."""
    storage, resource, context = _storage_and_context(tmp_path)
    trained = LogisticRegressionClassifier({}, "lr", storage, resource)
    trained.clf = _fitted()
    trained.persist()
    with storage.read_from(resource) as model_dir:
        assert sorted(p.name for p in model_dir.iterdir()) == ["weights.npz"]
    loaded = LogisticRegressionClassifier.load({}, storage, resource, context)
    rows = sp.random(30, 500, density=0.02, format="csr", random_state=9).toarray()
    got = [m.get("intent_ranking") for m in loaded.process(messages(rows))]
    want = [m.get("intent_ranking") for m in trained.process(messages(rows))]
    assert got == want
    assert all(isinstance(r[0]["name"], str) for r in got)


def test_a_model_saved_the_old_way_with_skops_still_loads(tmp_path):
    storage, resource, context = _storage_and_context(tmp_path)
    old = RasaLogisticRegressionClassifier({}, "lr", storage, resource)
    old.clf = _fitted()
    old.persist()  # Rasa's own: lr.skops
    loaded = LogisticRegressionClassifier.load({}, storage, resource, context)
    rows = sp.random(10, 500, density=0.02, format="csr", random_state=3).toarray()
    assert ([m.get("intent_ranking") for m in loaded.process(messages(rows))]
            == [m.get("intent_ranking") for m in old.process(messages(rows))])


def test_nothing_saved_loads_an_untrained_classifier(tmp_path):
    storage, resource, context = _storage_and_context(tmp_path)
    loaded = LogisticRegressionClassifier.load({}, storage, resource, context)
    assert not hasattr(loaded.clf, "coef_")
