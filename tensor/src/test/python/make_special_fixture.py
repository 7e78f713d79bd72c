#!/usr/bin/env python3
"""Reference values of erf, erfc and erfcx at 40 significant digits (mpmath), for SpecialFunctionsTest.

Regenerate with Debian's python (it has mpmath):
    /usr/bin/python3 tensor/src/test/python/make_special_fixture.py
Writes tensor/src/test/resources/special/erf.json; every value is the double nearest the
40-digit result, written with repr() so it parses back exactly.
"""
import json
import os

import mpmath

mpmath.mp.dps = 40

points = sorted({round(-6 + 0.0625 * i, 6) for i in range(0, 33 * 16 + 1)}
                | {1e-300, 1e-10, 1e-5, 0.3, 0.84375, 0.99, 1.0, 1.01, 1.25, 2.5, 5.9, 6.0, 8.0, 12.0, 26.5, 27.0, 40.0, 1e3, 1e6})
rows = []
for x in points:
    mx = mpmath.mpf(x)
    rows.append({
        "x": repr(float(x)),
        "erf": repr(float(mpmath.erf(mx))),
        "erfc": repr(float(mpmath.erfc(mx))),
        "erfcx": repr(float(mpmath.exp(mx * mx) * mpmath.erfc(mx))),
    })
out = os.path.join(os.path.dirname(__file__), "..", "resources", "special", "erf.json")
with open(out, "w") as f:
    json.dump({"generator": "mpmath " + mpmath.__version__ + " at 40 digits", "rows": rows}, f, indent=0)
print("wrote", len(rows), "rows to", out)
