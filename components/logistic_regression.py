"""Rasa's logistic-regression intent classifier, predicting about 30x faster.

scikit-learn scores a message as X @ coef_.T. Rasa stores coef_ row-major
(intents x features, 43 x 36,841 here), so its transpose is column-major, and
scipy copies it into a row-major array (~13 MB) on every prediction: 8.8 ms of
an 9 ms predict_proba, and 13% of the Rasa server's CPU under load (py-spy).
Kept column-major, the transpose is used in place. Same numbers to the last bit:
only the memory layout changes (tests/unit/test_logistic_regression.py).

Building a message's row was next (~5% of the server's busy time): Rasa stacks
the featurizers' sentence features one by one, then stacks the result with an
empty dense part. With no dense features the row is the featurizers' sparse
sentence features side by side, stacked once here: the same matrix.

Saved as plain arrays (weights.npz), not with skops as Rasa saves it: importing
skops.io scans every loaded module, which took 6.8 s of a 15 s server start
once TensorFlow is loaded (py-spy), and a crashed instance of `make cluster`
is out of service that long. A model saved the old way still loads.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

import numpy as np
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import (
    LogisticRegressionClassifier as RasaLogisticRegressionClassifier,
)
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message


WEIGHTS = "weights.npz"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LogisticRegressionClassifier(RasaLogisticRegressionClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # C, the inverse regularisation strength, which Rasa's class does not expose
        # (scikit-learn's default, 1.0, unless config.yml sets it)
        return {**RasaLogisticRegressionClassifier.get_default_config(), "C": 1.0}

    def __init__(self, config: Dict[Text, Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.clf.C = float(self.config["C"])

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            np.savez(model_dir / WEIGHTS, coef=self.clf.coef_, intercept=self.clf.intercept_,
                     classes=np.asarray(self.clf.classes_, dtype=str))

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LogisticRegressionClassifier":
        try:
            with model_storage.read_from(resource) as model_dir:
                path = model_dir / WEIGHTS
                if path.exists():
                    with np.load(path, allow_pickle=False) as saved:
                        coef, intercept, classes = saved["coef"], saved["intercept"], saved["classes"]
                else:
                    coef = None  # saved with skops, as Rasa's class saves it
        except ValueError:  # nothing saved: untrained, as Rasa's class does
            return cls.create(config, model_storage, resource, execution_context)
        if coef is None:
            return super().load(config, model_storage, resource, execution_context, **kwargs)
        component = cls(config, execution_context.node_name, model_storage, resource)
        component.clf.coef_, component.clf.intercept_, component.clf.classes_ = coef, intercept, classes
        component.clf.n_features_in_ = coef.shape[1]
        return component

    def process(self, messages: List[Message]) -> List[Message]:
        coef = getattr(self.clf, "coef_", None)
        if coef is not None and not coef.flags["F_CONTIGUOUS"]:
            self.clf.coef_ = np.asfortranarray(coef)  # once: after training or loading
        return super().process(messages)

    def _create_X(self, messages: List[Message]) -> sp.csr_matrix:
        rows = []
        for m in messages:
            parts = [f.features for f in m.features
                     if f.attribute == TEXT and f.type == "sentence" and f.is_sparse()]
            if not parts or any(f.attribute == TEXT and f.type == "sentence" and f.is_dense()
                                for f in m.features):
                return super()._create_X(messages)  # dense features or none: Rasa's own way
            rows.append(parts[0] if len(parts) == 1 else sp.hstack(parts))
        # float64 as Rasa's stacking with its empty dense part makes it
        return sp.vstack(rows, format="csr", dtype=np.float64)
