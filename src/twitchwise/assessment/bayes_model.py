"""A naive-Bayes model over findings with age/sex priors, compiled to arrays once.

One underlying condition is assumed (the usual symptom-checker simplification).
For condition *c* and evidence *E*::

    log P(c | E) = log prior(c, age, sex)
                   + T * [ sum over present yes/no findings  log P(f | c)
                         + sum over absent yes/no findings   log (1 - P(f | c))
                         + sum over categorical fields given log P(value | c)
                         + sum over reported sites           log P(site | c) ]   + const

Unknown findings add nothing (unknown is not absent). A finding a condition does
not list uses the finding's base rate. ``T`` (:data:`TEMPERATURE`) < 1 tempers the
likelihood because the findings are not truly independent; without it the
posterior is over-confident.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from twitchwise.assessment.evidence import Evidence
from twitchwise.domain.knowledge_model import (
    BINARY_FIELDS,
    CATEGORICAL_FIELDS,
    KnowledgeBase,
)

FloatArray = npt.NDArray[np.float64]

#: Likelihood tempering. With 0.85 the top-1 probability matches top-1 accuracy within about
#: 0.06 (expected calibration error) on the dev and held-out vignettes, which are more complete
#: than what people usually report; below 1 to stay humble about correlated findings.
TEMPERATURE = 0.85
#: Floor of P(no causative medicine | condition) for a medicine-induced condition.
MIN_NO_CAUSATIVE_MEDICINE = 0.02
#: P(site involved | condition) for a site the condition's file does not list.
UNLISTED_SITE_PROBABILITY = 0.02


class BayesModel:
    """The knowledge base's likelihoods as arrays, for fast posteriors and question ranking.

    Parameters
    ----------
    kb : KnowledgeBase
        A loaded knowledge base.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.condition_ids: list[str] = list(kb.conditions)
        conds = [kb.conditions[c] for c in self.condition_ids]
        n = len(conds)
        self.log_prior = np.log(np.array([c.prior.weight for c in conds], dtype=np.float64))
        self.age_log: dict[str, FloatArray] = {}
        self.vocab = kb.vocab
        for band in kb.vocab.age_band_ids:
            fallback = kb.vocab.age_band_fallback(band)
            self.age_log[band] = np.log(np.array([c.prior.age_multiplier(band, fallback) for c in conds]))
        self.sex_log: dict[str, FloatArray] = {}
        for sex in kb.vocab.prior_sexes:
            self.sex_log[sex] = np.log(np.array([c.prior.sex.get(sex, 1.0) for c in conds]))

        self.binary_ids: list[str] = [fid for fid, f in kb.findings.items() if f.field in BINARY_FIELDS]
        self.binary_index = {fid: i for i, fid in enumerate(self.binary_ids)}
        base = np.array([kb.findings[f].base_rate for f in self.binary_ids])
        p = np.tile(base[:, None], (1, n))
        for j, c in enumerate(conds):
            for fid, prob in c.findings.items():
                p[self.binary_index[fid], j] = prob
        self.p_yes: FloatArray = p
        self.log_yes: FloatArray = np.log(p)
        self.log_no: FloatArray = np.log1p(-p)
        # Medicines are scored as one group per condition: a condition that several drug
        # classes can cause (drug-induced tremor, serotonin syndrome) is supported by any one
        # of them, and argued against only when the medicines are known and none is taken.
        self.med_rows = np.array([i for i, fid in enumerate(self.binary_ids) if fid.startswith("med:")], dtype=np.intp)
        self.med_row_set = {int(i) for i in self.med_rows}
        listed = np.zeros((len(self.binary_ids), n), dtype=bool)
        for j, c in enumerate(conds):
            for fid in c.findings:
                if fid.startswith("med:"):
                    listed[self.binary_index[fid], j] = True
        self.med_listed: npt.NDArray[np.bool_] = listed
        listed_p = np.where(listed, p, 0.0)
        # P(taking none of the condition's causative classes | condition): the classes are
        # roughly alternatives, so 1 - their sum, kept above a small floor.
        self.med_none: FloatArray = np.clip(1.0 - listed_p.sum(axis=0), MIN_NO_CAUSATIVE_MEDICINE, 1.0)
        self.log_med_none: FloatArray = np.log(self.med_none)
        # A condition's own causative medicines count through the group, not one by one.
        self.log_yes_outside_group: FloatArray = np.where(listed, 0.0, self.log_yes)
        self.log_no_outside_group: FloatArray = np.where(listed, 0.0, self.log_no)
        # Tempered likelihoods of a yes and a no, for question ranking.
        self.like_yes: FloatArray = np.exp(TEMPERATURE * self.log_yes)
        self.like_no: FloatArray = np.exp(TEMPERATURE * self.log_no)
        # L * log L, so that the entropy after an answer is a few matrix-vector products.
        self.like_log_like_yes: FloatArray = self.like_yes * (TEMPERATURE * self.log_yes)
        self.like_log_like_no: FloatArray = self.like_no * (TEMPERATURE * self.log_no)
        self.base_log_yes: FloatArray = np.log(base)
        self.base_log_no: FloatArray = np.log1p(-base)
        # Tempered log likelihood ratios against the base rate, for explanations.
        self.weight_yes: FloatArray = TEMPERATURE * (self.log_yes - self.base_log_yes[:, None])
        self.weight_no: FloatArray = TEMPERATURE * np.where(listed, 0.0, self.log_no - self.base_log_no[:, None])

        self.categorical_values: dict[str, list[str]] = {}
        self.categorical_position: dict[str, dict[str, int]] = {}
        self.categorical_log: dict[str, FloatArray] = {}
        self.categorical_default_log: dict[str, FloatArray] = {}
        self.categorical_p: dict[str, FloatArray] = {}
        self.categorical_like: dict[str, FloatArray] = {}
        self.categorical_like_log_like: dict[str, FloatArray] = {}
        self.categorical_weight: dict[str, FloatArray] = {}
        for fld in CATEGORICAL_FIELDS:
            default = kb.categorical_defaults[fld]
            values = list(default)
            mat = np.empty((len(values), n))
            for j, c in enumerate(conds):
                dist = c.categorical.get(fld, default)
                mat[:, j] = [dist.get(v, default[v]) for v in values]
            self.categorical_values[fld] = values
            self.categorical_position[fld] = {v: k for k, v in enumerate(values)}
            self.categorical_p[fld] = mat
            self.categorical_log[fld] = np.log(mat)
            self.categorical_default_log[fld] = np.log(np.array([default[v] for v in values]))
            self.categorical_like[fld] = np.exp(TEMPERATURE * self.categorical_log[fld])
            self.categorical_like_log_like[fld] = self.categorical_like[fld] * (TEMPERATURE * self.categorical_log[fld])
            self.categorical_weight[fld] = TEMPERATURE * (
                self.categorical_log[fld] - self.categorical_default_log[fld][:, None]
            )

        self.site_ids: list[str] = [f.value for f in kb.findings.values() if f.field == "sites"]
        self.site_index = {s: i for i, s in enumerate(self.site_ids)}
        site_base = np.array([kb.findings[f"sites:{s}"].base_rate for s in self.site_ids])
        sp = np.tile(site_base[:, None], (1, n))
        for j, c in enumerate(conds):
            if c.sites:  # a condition that lists its sites makes the others unlikely
                sp[:, j] = UNLISTED_SITE_PROBABILITY
            for site, prob in c.sites.items():
                sp[self.site_index[site], j] = prob
        self.site_p: FloatArray = sp
        self.site_log: FloatArray = np.log(sp)
        self.site_like: FloatArray = np.exp(TEMPERATURE * self.site_log)
        self.site_like_log_like: FloatArray = self.site_like * (TEMPERATURE * self.site_log)
        self.site_base_log: FloatArray = np.log(site_base)
        self.site_weight: FloatArray = TEMPERATURE * (self.site_log - self.site_base_log[:, None])

        # Every question's answers stacked (yes rows, no rows, then each choice field's values),
        # with the predictive probabilities of the answers below them, so that all expected
        # information gains come from one matrix product.
        choice_fields = ("sites", *CATEGORICAL_FIELDS)
        choice_like = [self.site_like, *(self.categorical_like[f] for f in CATEGORICAL_FIELDS)]
        choice_like_log_like = [
            self.site_like_log_like,
            *(self.categorical_like_log_like[f] for f in CATEGORICAL_FIELDS),
        ]
        self._answers_like: FloatArray = np.vstack([self.like_yes, self.like_no, *choice_like])
        self._answers_like_log_like: FloatArray = np.vstack(
            [self.like_log_like_yes, self.like_log_like_no, *choice_like_log_like]
        )
        self._choice_p: FloatArray = np.vstack([self.site_p, *(self.categorical_p[f] for f in CATEGORICAL_FIELDS)])
        self._n_answers = self._answers_like.shape[0]
        self._gain_matrix: FloatArray = np.vstack(
            [self._answers_like, self._answers_like_log_like, self.p_yes, self._choice_p]
        )
        self._choice_slices: dict[str, tuple[int, int]] = {}
        start = 0
        for fld, like in zip(choice_fields, choice_like, strict=True):
            self._choice_slices[fld] = (start, start + like.shape[0])
            start += like.shape[0]
        self._choice_starts = np.array([a for a, _ in self._choice_slices.values()], dtype=np.intp)

        # Every piece of evidence as one row: a yes, a no, each categorical value, each site.
        # A case's log-likelihood is then the sum of its rows, and its explanation their weights.
        nb = len(self.binary_ids)
        self._no_offset = nb
        self._categorical_row: dict[str, dict[str, int]] = {}
        row = 2 * nb
        for fld in CATEGORICAL_FIELDS:
            self._categorical_row[fld] = {v: row + k for k, v in enumerate(self.categorical_values[fld])}
            row += len(self.categorical_values[fld])
        self._site_row = {s: row + k for k, s in enumerate(self.site_ids)}
        self._log_rows: FloatArray = np.vstack(
            [
                self.log_yes_outside_group,
                self.log_no_outside_group,
                *(self.categorical_log[f] for f in CATEGORICAL_FIELDS),
                self.site_log,
            ]
        )
        self._weight_rows: FloatArray = np.vstack(
            [
                self.weight_yes,
                self.weight_no,
                *(self.categorical_weight[f] for f in CATEGORICAL_FIELDS),
                self.site_weight,
            ]
        )
        # Log prior for every (age band, sex) a case can give, None meaning not given.
        self._log_prior_table: dict[tuple[str | None, str | None], FloatArray] = {}
        bands: list[str | None] = [None, *self.age_log]
        sexes: list[str | None] = [None, *self.sex_log]
        for band_given in bands:
            for sex_given in sexes:
                out = self.log_prior.copy()
                if band_given is not None:
                    out = out + self.age_log[band_given]
                if sex_given is not None:
                    out = out + self.sex_log[sex_given]
                self._log_prior_table[(band_given, sex_given)] = out

        self.movement_type_ids: list[str] = list(kb.movement_types)
        mt = np.zeros((n, len(self.movement_type_ids)))
        mt_index = {m: i for i, m in enumerate(self.movement_type_ids)}
        for j, c in enumerate(conds):
            total = sum(c.movement_types.values())
            for m, prob in c.movement_types.items():
                mt[j, mt_index[m]] = prob / total
        self.condition_movement: FloatArray = mt

    # -- posteriors -------------------------------------------------------------------------
    def log_prior_for(self, evidence: Evidence) -> FloatArray:
        """Log prior of each condition for this person's age band and sex."""
        return self._log_prior_table[self._prior_key(evidence)].copy()

    def _prior_key(self, evidence: Evidence) -> tuple[str | None, str | None]:
        band = None if evidence.age is None else self.vocab.age_band(evidence.age)
        return band, (evidence.sex if evidence.sex in self.sex_log else None)

    def answered_rows(self, evidence: Evidence) -> tuple[list[int], list[int]]:
        """Rows (in ``binary_ids``) of the yes/no findings reported present and absent, each sorted.

        Sorted: sets iterate in an order that varies between processes (string hashing), and
        floating-point sums in another order could break exact ties between conditions differently.
        """
        index = self.binary_index
        yes = sorted([i for f in evidence.present if (i := index.get(f)) is not None])
        no = sorted([i for f in evidence.absent if (i := index.get(f)) is not None])
        return yes, no

    def _choice_rows(self, evidence: Evidence, sort_fields: bool) -> list[tuple[str, str, int]]:
        """(field, value, row) of each categorical value and site a case gives."""
        out: list[tuple[str, str, int]] = []
        items = sorted(evidence.categorical.items()) if sort_fields else evidence.categorical.items()
        for fld, value in items:
            r = self._categorical_row.get(fld, {}).get(value)
            if r is not None:
                out.append((fld, value, r))
        for site in evidence.sites:
            r = self._site_row.get(site)
            if r is not None:
                out.append(("sites", site, r))
        return out

    def log_likelihood(self, evidence: Evidence) -> FloatArray:
        """Untempered log-likelihood of the evidence under each condition."""
        yes, no = self.answered_rows(evidence)
        offset = self._no_offset
        rows = yes + [offset + i for i in no] + [r for _, _, r in self._choice_rows(evidence, sort_fields=False)]
        ll: FloatArray = self._log_rows[rows].sum(axis=0) if rows else np.zeros(len(self.condition_ids))
        if not self.med_row_set.isdisjoint(yes) or not self.med_row_set.isdisjoint(no):
            ll += self._medication_group(yes, no)
        return ll

    def _medication_group(self, yes: list[int], no: list[int]) -> FloatArray:
        """Log-likelihood of each condition's own causative medicines, scored as one group."""
        out = np.zeros(len(self.condition_ids))
        med_yes = [i for i in yes if i in self.med_row_set]
        best = np.zeros(len(self.condition_ids))
        if med_yes:
            best = np.where(self.med_listed[med_yes], self.p_yes[med_yes], 0.0).max(axis=0)
            out += np.where(best > 0, np.log(np.maximum(best, 1e-12)), 0.0)
        med_no = [i for i in no if i in self.med_row_set]
        if med_no:
            known_none = (best == 0) & self.med_listed[med_no].any(axis=0)
            out += np.where(known_none, np.log(self.med_none), 0.0)
        return out

    def posterior(self, evidence: Evidence) -> FloatArray:
        """P(condition | evidence), summing to 1, in ``condition_ids`` order."""
        logits = self.log_likelihood(evidence)
        logits *= TEMPERATURE
        logits += self._log_prior_table[self._prior_key(evidence)]
        return _softmax(logits)

    def movement_types(self, posterior: FloatArray) -> FloatArray:
        """P(movement type | evidence) = sum over conditions of P(c | E) P(type | c)."""
        result: FloatArray = posterior @ self.condition_movement
        return result

    # -- explanations -----------------------------------------------------------------------
    def contributions(self, evidence: Evidence) -> tuple[list[str], FloatArray]:
        """Each piece of evidence's tempered log likelihood ratio for every condition.

        Returns
        -------
        labels : list of str
            One label per row: a finding id, ``"not <finding id>"`` for an absent one, or
            ``"no medicine known to cause it"``.
        weights : ndarray, shape (len(labels), n_conditions)
            Log units relative to the finding's base rate; positive is evidence for.
        """
        yes, no = self.answered_rows(evidence)
        labels = [self.binary_ids[i] for i in yes] + [f"not {self.binary_ids[i]}" for i in no]
        offset = self._no_offset
        binary_rows = yes + [offset + i for i in no]
        choices = self._choice_rows(evidence, sort_fields=True)
        choice_labels = [f"{fld}:{value}" for fld, value, _ in choices]
        choice_rows = [r for _, _, r in choices]
        med_no = [i for i in no if i in self.med_row_set]
        if not med_no:
            labels += choice_labels
            if not labels:
                return [], np.zeros((0, len(self.condition_ids)))
            return labels, self._weight_rows[binary_rows + choice_rows]
        listed_present = self.med_listed[yes].any(axis=0) if yes else np.zeros(len(self.condition_ids), dtype=bool)
        known_none = ~listed_present & self.med_listed[med_no].any(axis=0)
        labels += ["no medicine known to cause it", *choice_labels]
        med_block = TEMPERATURE * np.where(known_none, self.log_med_none, 0.0)[None, :]
        weights: FloatArray = np.concatenate(
            [self._weight_rows[binary_rows], med_block, self._weight_rows[choice_rows]]
        )
        return labels, weights

    # -- question ranking -------------------------------------------------------------------
    def binary_information_gain(self, posterior: FloatArray, finding_rows: list[int]) -> FloatArray:
        """Expected reduction in entropy (bits) of the condition posterior from asking each finding."""
        if not finding_rows:
            return np.zeros(0)
        # Computed for every finding (a few matrix-vector products) and then selected: cheaper
        # than copying the selected rows of three matrices.
        prob_yes = self.p_yes @ posterior  # predictive P(answer yes)
        expected = prob_yes * _entropy_after(posterior, self.like_yes, self.like_log_like_yes)
        expected += (1.0 - prob_yes) * _entropy_after(posterior, self.like_no, self.like_log_like_no)
        result: FloatArray = np.maximum(_entropy(posterior) - expected[finding_rows], 0.0)
        return result

    def information_gains(self, posterior: FloatArray) -> tuple[FloatArray, dict[str, float]]:
        """Expected entropy reduction (bits) from asking every yes/no finding and every choice field.

        Returns
        -------
        binary : ndarray, shape (len(binary_ids),)
            One gain per yes/no finding, in ``binary_ids`` order.
        choice : dict
            Field (``"sites"``, ``"episode_length"``...) to its gain.
        """
        binary, choice, _ = self.gains_and_predictions(posterior)
        return binary, choice

    def gains_and_predictions(self, posterior: FloatArray) -> tuple[FloatArray, dict[str, float], FloatArray]:
        """:meth:`information_gains`, plus the predictive P(yes) of every yes/no finding.

        Two matrix-vector products give every answer's L @ p, (L log L) @ p and L @ (p log p)
        (see :func:`_entropy_after`) and the predictive probabilities of the answers. (Two
        products, not one with two columns: BLAS is slower at that shape.)
        """
        p_log_p = posterior * np.log(np.maximum(posterior, 1e-300))
        h0 = float(-p_log_p.sum()) / _LN2
        products = self._gain_matrix @ posterior
        m = self._n_answers
        z = products[:m]
        sum_j_log_j = products[m : 2 * m] + self._answers_like @ p_log_p
        after = (np.log(z) - sum_j_log_j / z) / _LN2
        n = len(self.binary_ids)
        prob_yes = products[2 * m : 2 * m + n]
        binary: FloatArray = np.maximum(h0 - (prob_yes * after[:n] + (1.0 - prob_yes) * after[n : 2 * n]), 0.0)
        # Each choice field's expected entropy: its answers' probabilities times the entropy after
        # each, summed per field (sites normalised first: several can be given).
        choice_p = products[2 * m + n :].copy()
        sites_from, sites_to = self._choice_slices["sites"]
        choice_p[sites_from:sites_to] /= choice_p[sites_from:sites_to].sum()
        expected = np.add.reduceat(choice_p * after[2 * n :], self._choice_starts)
        choice = dict(zip(self._choice_slices, np.maximum(h0 - expected, 0.0).tolist(), strict=True))
        return binary, choice, prob_yes

    def categorical_information_gain(self, posterior: FloatArray, field: str) -> float:
        """Expected entropy reduction (bits) from asking a categorical field."""
        if field == "sites":
            like, like_log_like = self.site_like, self.site_like_log_like
            prob = self.site_p @ posterior
            prob = prob / prob.sum()
        else:
            like, like_log_like = self.categorical_like[field], self.categorical_like_log_like[field]
            prob = self.categorical_p[field] @ posterior
        return max(_entropy(posterior) - float(prob @ _entropy_after(posterior, like, like_log_like)), 0.0)


def _softmax(logits: FloatArray) -> FloatArray:
    e: FloatArray = np.exp(logits - logits.max())
    e /= e.sum()
    return e


_LN2 = float(np.log(2.0))


def _entropy(p: FloatArray) -> float:
    """Entropy in bits of one distribution (0 log 0 taken as 0)."""
    return float(-(p * np.log(np.maximum(p, 1e-300))).sum()) / _LN2


def _entropy_after(posterior: FloatArray, like: FloatArray, like_log_like: FloatArray) -> FloatArray:
    """Entropy (bits) of the posterior after each answer, one answer per row of ``like``.

    With joint j_c = L_c p_c and Z = sum_c j_c, the updated posterior is j / Z and its entropy
    is log Z - (sum_c j_c log j_c) / Z, where sum_c j_c log j_c = (L log L) @ p + L @ (p log p):
    three matrix-vector products instead of normalising a whole matrix and taking its logarithm.
    """
    p_log_p = posterior * np.log(np.maximum(posterior, 1e-300))
    z = like @ posterior
    sum_j_log_j = like_log_like @ posterior + like @ p_log_p
    result: FloatArray = (np.log(z) - sum_j_log_j / z) / _LN2
    return result
