"""Likely triggers: daily episode counts regressed on each exposure, honestly.

For every exposure and lag (0 = same day, 1 = the day before) a quasi-Poisson
GLM is fitted to the daily episode counts of the logged days::

    log E[count_d] = b0 + b1 * exposure_{d - lag} + day-of-week + b2 * trend

The rate ratio ``exp(b1)`` says how many times more episodes there were on
exposed days, other things in the model equal. The dispersion is estimated
from the Pearson chi-square (never below 1, so over-dispersed diaries do not
look more certain than they are), and intervals and p-values use a t
distribution with the residual degrees of freedom. The Benjamini-Hochberg
procedure controls the false discovery rate across all exposure x lag tests.

These are exploratory associations in one person's observational diary, not
proof of cause: the way to check a candidate is to test it on purpose.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import stats
from statsmodels.genmod import families
from statsmodels.genmod.generalized_linear_model import GLM
from statsmodels.stats.multitest import multipletests

from twitchwise.insights.daily import DailyTable, FloatArray

BoolArray = npt.NDArray[np.bool_]

#: Fewest logged days before any association is estimated.
MIN_LOGGED_DAYS = 21
#: Fewest exposed and fewest unexposed days an exposure needs.
MIN_DAYS_EACH_WAY = 5
#: False discovery rate controlled across all tests.
FDR_LEVEL = 0.05
#: Lags tested, in days.
LAGS: tuple[int, ...] = (0, 1)
#: Shown with every result.
EXPLORATORY_NOTE = (
    "These are exploratory associations in your own diary, not proof that something causes "
    "your episodes. To check a likely trigger, test it on purpose: for example two weeks "
    "without it, then two weeks with it, logging every day, and compare."
)
METHOD_NOTE = (
    "Quasi-Poisson regression of daily episode counts on each exposure (same day and day "
    "before), adjusted for day of the week and a linear trend; 95% confidence intervals; "
    "Benjamini-Hochberg false discovery rate 5% across all tests."
)


@dataclass(frozen=True)
class Association:
    """One exposure x lag test.

    Attributes
    ----------
    exposure, label : str
        Exposure id and plain description of an exposed day.
    lag : int
        0 = same day, 1 = the day before.
    rate_ratio, ci_low, ci_high : float
        Episodes on exposed days relative to unexposed days, with its 95% interval.
    p_value, q_value : float
        Two-sided p-value and Benjamini-Hochberg adjusted value.
    n_days, n_exposed : int
        Days in the model and how many of them were exposed.
    flagged : bool
        ``q_value`` below :data:`FDR_LEVEL`: a likely trigger (or, if the rate
        ratio is below 1, a likely protective factor), to be tested on purpose.
    """

    exposure: str
    label: str
    lag: int
    rate_ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    q_value: float
    n_days: int
    n_exposed: int
    flagged: bool

    def describe(self) -> str:
        """One plain sentence about this association."""
        when = "the same day" if self.lag == 0 else "the day after"
        change = (
            f"{self.rate_ratio:.1f} times as many episodes"
            if self.rate_ratio >= 1
            else f"{(1 - self.rate_ratio) * 100:.0f}% fewer episodes"
        )
        return (
            f"After days with {self.label} ({when}): {change} "
            f"(95% CI {self.ci_low:.2f}-{self.ci_high:.2f}, q = {self.q_value:.3f})."
        )


@dataclass(frozen=True)
class NotTested:
    """An exposure x lag that was not tested, and why (in plain words)."""

    exposure: str
    label: str
    lag: int
    reason: str


@dataclass(frozen=True)
class InsightsResult:
    """Everything the diary can honestly say about triggers.

    Attributes
    ----------
    logged_days : int
        Days the diary was kept.
    associations : tuple of Association
        Tested exposure x lag pairs, most convincing first.
    not_tested : tuple of NotTested
        Pairs without enough data, with the reason.
    missing : tuple of str
        What to log (or correct) before the diary can say more (empty when nothing is missing).
    """

    logged_days: int
    associations: tuple[Association, ...]
    not_tested: tuple[NotTested, ...]
    missing: tuple[str, ...]
    method: str = METHOD_NOTE
    note: str = EXPLORATORY_NOTE
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def flagged(self) -> tuple[Association, ...]:
        """Associations that pass the false discovery control."""
        return tuple(a for a in self.associations if a.flagged)

    def summary(self) -> str:
        """A plain-text summary for people."""
        lines = [f"Days logged: {self.logged_days}."]
        lines += list(self.missing)
        if self.associations:
            if self.flagged:
                lines.append("Likely triggers (exploratory):")
                lines += [f"  - {a.describe()}" for a in self.flagged]
            else:
                lines.append("No exposure stands out yet after allowing for chance.")
        lines += [self.note, f"Method: {self.method}"]
        return "\n".join(lines)


def _lagged(x: FloatArray, lag: int) -> FloatArray:
    if lag == 0:
        return x
    out = np.full_like(x, np.nan)
    out[lag:] = x[:-lag]
    return out


def _design(table: DailyTable, x: FloatArray, rows: BoolArray) -> FloatArray:
    idx = np.flatnonzero(rows)
    trend = (idx - idx.mean()) / 30.0  # per month, centred
    dow = np.array([table.days[i].weekday() for i in idx])
    present = sorted(set(dow.tolist()))
    cols = [np.ones(len(idx)), x[idx], trend]
    cols += [(dow == d).astype(float) for d in present[1:]]
    return np.column_stack(cols)


def _fit(y: FloatArray, design: FloatArray) -> tuple[float, float, float, int] | None:
    """Return (coefficient, standard error, p-value, residual df) of column 1, or None."""
    if np.linalg.matrix_rank(design) < design.shape[1]:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            res = GLM(y, design, family=families.Poisson()).fit()
        except (ValueError, np.linalg.LinAlgError):
            return None
    df = int(res.df_resid)
    if df < 1:
        return None
    phi = max(1.0, float(res.pearson_chi2) / df)
    beta = float(res.params[1])
    se = float(res.bse[1]) * math.sqrt(phi)
    if not (math.isfinite(beta) and math.isfinite(se)) or se <= 0 or se > 50:
        return None
    p = float(2 * stats.t.sf(abs(beta / se), df))
    return beta, se, p, df


def find_triggers(table: DailyTable, lags: tuple[int, ...] = LAGS) -> InsightsResult:
    """Test every exposure at every lag and control the false discovery rate.

    Parameters
    ----------
    table : DailyTable
        From :func:`twitchwise.insights.daily.build_daily_table`.
    lags : tuple of int
        Lags in days.

    Returns
    -------
    InsightsResult
        Associations (rate ratios with 95% intervals, p and BH q values), the
        pairs not tested and what is missing. Nothing is estimated before
        :data:`MIN_LOGGED_DAYS` logged days.
    """
    n_logged = table.n_logged
    if n_logged < MIN_LOGGED_DAYS:
        need = MIN_LOGGED_DAYS - n_logged
        msg = (
            f"The diary needs at least {MIN_LOGGED_DAYS} logged days before it looks for "
            f"triggers; {n_logged} so far, so log {need} more day{'s' if need != 1 else ''} "
            "(a day with no episodes counts too: record it with 'twitchwise day')."
        )
        return InsightsResult(n_logged, (), (), (msg,))
    fits: list[tuple[str, str, int, float, float, float, int, int, int]] = []
    skipped: list[NotTested] = []
    for key, values in table.exposures.items():
        label = table.labels[key]
        for lag in lags:
            x = _lagged(values, lag)
            rows = table.logged & ~np.isnan(x)
            n = int(rows.sum())
            n_exp = int(np.nansum(x[rows]))
            n_unexp = n - n_exp
            when = "the same day" if lag == 0 else "the day before"
            if n < MIN_LOGGED_DAYS:
                skipped.append(NotTested(key, label, lag, (
                    f"{label} ({when}): recorded on {n} logged days; "
                    f"{MIN_LOGGED_DAYS} are needed."
                )))  # fmt: skip
                continue
            if n_exp < MIN_DAYS_EACH_WAY or n_unexp < MIN_DAYS_EACH_WAY:
                skipped.append(NotTested(key, label, lag, (
                    f"{label} ({when}): needs at least {MIN_DAYS_EACH_WAY} days with it and "
                    f"{MIN_DAYS_EACH_WAY} without; so far {n_exp} with and {n_unexp} without."
                )))  # fmt: skip
                continue
            fit = _fit(table.counts[rows], _design(table, x, rows))
            if fit is None:
                skipped.append(NotTested(key, label, lag, (
                    f"{label} ({when}): cannot be told apart from the day of the week or "
                    "the trend, or no episodes at all on one side."
                )))  # fmt: skip
                continue
            beta, se, p, df = fit
            tcrit = float(stats.t.ppf(0.975, df))
            fits.append((key, label, lag, beta, se * tcrit, p, n, n_exp, df))
    associations: list[Association] = []
    if fits:
        pvals = np.array([f[5] for f in fits])
        reject, qvals, _, _ = multipletests(pvals, alpha=FDR_LEVEL, method="fdr_bh")
        for f, rej, q in zip(fits, reject, qvals, strict=True):
            key, label, lag, beta, half, p, n, n_exp, _df = f
            associations.append(Association(
                exposure=key, label=label, lag=lag, rate_ratio=math.exp(beta),
                ci_low=math.exp(beta - half), ci_high=math.exp(beta + half),
                p_value=p, q_value=float(q), n_days=n, n_exposed=n_exp, flagged=bool(rej),
            ))  # fmt: skip
    associations.sort(key=lambda a: (not a.flagged, a.q_value, a.p_value))
    missing = tuple(s.reason for s in skipped if s.lag == 0)
    return InsightsResult(n_logged, tuple(associations), tuple(skipped), missing)
