"""SentenceCountVectorsFeaturizer: Rasa's CountVectorsFeaturizer, sentence features only.

Rasa's featurizer makes two matrices per message: sequence features (one sparse row
per token, for DIET and entity extractors) and sentence features (the whole message).
This pipeline's classifier (components/logistic_regression.py) reads only the sentence
features, so the sequence matrix was built on every message for nothing: about half the
featurizer's time, and the featurizers were the largest part of a parse. The sentence
features are the ones Rasa's featurizer makes (same vocabulary, same transform), so the
classifier's predictions do not change (tests/unit/test_components.py).
"""
from __future__ import annotations

from typing import List, Optional, Text, Tuple

import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceCountVectorsFeaturizer(CountVectorsFeaturizer):
    def _create_features(
        self, attribute: Text, all_tokens: List[List[Text]]
    ) -> Tuple[List[Optional[scipy.sparse.spmatrix]], List[Optional[scipy.sparse.spmatrix]]]:
        if not self.vectorizers.get(attribute):
            return [None], [None]
        sentence_features: List[Optional[scipy.sparse.spmatrix]] = []
        for tokens in all_tokens:
            if not tokens or attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
                sentence_features.append(None)
                continue
            # exactly what CountVectorsFeaturizer does for the sentence row
            sentence_vec = self.vectorizers[attribute].transform([" ".join(tokens)])
            sentence_vec.sort_indices()
            sentence_features.append(sentence_vec.tocoo())
        return [None] * len(sentence_features), sentence_features
