"""The few statistics the head-start experiment needs, from the standard library.

Proportions only: a card is finished within the window or it is not. Each function names the
method and where it comes from, so the owner's tab can state it and a reader can check it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

_NORMAL = NormalDist()


def z_for(confidence: float) -> float:
    """The two-sided normal quantile: 1.96 for 95%."""
    return _NORMAL.inv_cdf(0.5 + confidence / 2)


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def wilson(successes: int, trials: int, confidence: float = 0.95) -> Interval | None:
    """Wilson score interval for a proportion (E. B. Wilson, JASA 22:209, 1927).

    Chosen over the textbook ``p ± z·sqrt(p(1-p)/n)`` because that one is far too narrow for
    the small counts and low rates a café sees (Brown, Cai & DasGupta, Stat. Sci. 16:101, 2001)
    and can leave [0, 1]."""
    if trials <= 0:
        return None
    z = z_for(confidence)
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z / (1 + z * z / trials) * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    low = 0.0 if successes == 0 else max(0.0, centre - half)  # exact ends, not rounding residue
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return Interval(low, high)


def difference_interval(k1: int, n1: int, k2: int, n2: int, confidence: float = 0.95) -> Interval | None:
    """Interval for p1 - p2 by Newcombe's hybrid score method (method 10 in R. G. Newcombe,
    Stat. Med. 17:873, 1998), built from the two Wilson intervals: it keeps its coverage
    where the simple Wald difference interval does not."""
    a, b = wilson(k1, n1, confidence), wilson(k2, n2, confidence)
    if a is None or b is None:
        return None
    p1, p2 = k1 / n1, k2 / n2
    d = p1 - p2
    low = d - math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2)
    high = d + math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2)
    return Interval(max(-1.0, low), min(1.0, high))


def two_proportion_p_value(k1: int, n1: int, k2: int, n2: int) -> float | None:
    """Two-sided p-value of the pooled two-proportion z-test (equivalent to Pearson's
    chi-squared test without continuity correction on the 2x2 table)."""
    if n1 <= 0 or n2 <= 0:
        return None
    pooled = (k1 + k2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if spread == 0:
        return 1.0  # both arms all finished, or none: no evidence of a difference
    z = (k1 / n1 - k2 / n2) / spread
    return math.erfc(abs(z) / math.sqrt(2))


def cards_per_arm(p1: float, p2: float, alpha: float = 0.05, power: float = 0.8) -> int:
    """Cards each arm needs for a two-sided test at ``alpha`` to find p1 != p2 with ``power``:
    the normal-approximation formula for two independent proportions (J. L. Fleiss, Statistical
    Methods for Rates and Proportions, 2nd ed., 1981, eq. 3.14, without continuity correction),
    rounded up."""
    if not (0 < p1 < 1 and 0 < p2 < 1) or p1 == p2:
        raise ValueError("two different rates between 0 and 1 are needed")
    za, zb = z_for(1 - alpha), _NORMAL.inv_cdf(power)
    mean = (p1 + p2) / 2
    top = za * math.sqrt(2 * mean * (1 - mean)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil((top / (p1 - p2)) ** 2)
