"""Golden values of log h(u), d log h/du and log Phi(u) for LogEI (Ament et al. 2023), with
h(u) = phi(u) + u Phi(u), computed by mpmath at 800 significant digits, so that the far lower
tail (u down to -1e100, where h underflows in float64) is exact to double precision.

Run with Debian's interpreter: /usr/bin/python3 optim/src/test/python/make_logei_fixtures.py
Writes optim/src/test/resources/golden/log_ei.json.
"""
import json
import os

import mpmath as mp

mp.mp.dps = 800

US = [6.0, 3.0, 1.0, 0.5, 0.0, -0.5, -1.0, -2.0, -3.0, -4.5, -4.999, -5.0, -5.001, -6.0, -8.0, -10.0, -15.0,
      -20.0, -30.0, -38.0, -40.0, -60.0, -100.0, -1e3, -1e4, -1e6, -1e8, -1e12, -1e50, -1e100]


def h(u):
    return mp.npdf(u) + u * mp.ncdf(u)


rows = []
for u in US:
    x = mp.mpf(u)
    hu = h(x)
    rows.append({
        "u": u,
        "log_h": float(mp.log(hu)),
        "dlog_h": float(mp.ncdf(x) / hu),
        "log_cdf": float(mp.log(mp.ncdf(x))),
    })

out = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "log_ei.json")
with open(out, "w") as f:
    json.dump({"generator": "make_logei_fixtures.py (mpmath %s, 800 digits)" % mp.__version__, "rows": rows}, f, indent=1)
print("wrote", len(rows), "rows to", out)
