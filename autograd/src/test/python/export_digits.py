"""Writes the UCI 8x8 handwritten digits (1,797 samples, as shipped with scikit-learn) to
autograd/src/test/resources/data/digits.csv.gz: one row per sample, 64 pixel values (0-16) then the
label. Source: E. Alpaydin, C. Kaynak, "Optical Recognition of Handwritten Digits", UCI Machine
Learning Repository (1998), https://doi.org/10.24432/C50P49, licensed CC BY 4.0.
Run with Debian's python3 (python3-sklearn): /usr/bin/python3 export_digits.py
"""
import gzip
import os

from sklearn.datasets import load_digits

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "resources", "data", "digits.csv.gz")
d = load_digits()
with gzip.GzipFile(out, "wb", mtime=0) as f:
    for x, y in zip(d.data.astype(int), d.target):
        f.write((",".join(str(v) for v in x) + "," + str(int(y)) + "\n").encode())
print("wrote", out, len(d.target), "samples")
