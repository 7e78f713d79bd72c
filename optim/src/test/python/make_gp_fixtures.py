#!/usr/bin/python3
"""Writes golden/gp_sklearn.json, which io.frontier.optim.bayes.gp.SklearnGoldenTest and
GpFitTest replay. Regenerate from the repository root with Debian's python (sklearn 1.2.1):

    /usr/bin/python3 optim/src/test/python/make_gp_fixtures.py

and commit the JSON it rewrites under optim/src/test/resources/golden/. The Java tests never call
Python.

Conventions matched on the Java side:
  * kernel = ConstantKernel(c) * K_family(length_scale=ARD vector) + WhiteKernel(noise), alpha = 0,
    so the training covariance is c*rho + noise*I exactly as ExactGp's outputScale*rho + noise*I;
  * inputs are used as given (the Java side switches input normalisation off);
  * normalize_y as in each case (sklearn standardises with np.std, divisor n, as OutputStandardizer);
  * sklearn's predict(return_std=True) includes the WhiteKernel noise in std (WhiteKernel.diag), so
    std^2 = latent variance + noise * std_y^2;
  * log_marginal_likelihood is that of the (standardised) targets, as ExactGp.logMarginalLikelihood.

"fixed" cases: optimizer=None, given hyperparameters; fields x, y, x_test, family, lengthscales,
outputscale, noise, normalize_y, and sklearn's mean, std, lml.
"prior" cases: scipy.stats log densities: family ("lognormal" with loc, scale as LogNormalPrior, i.e.
scipy's lognorm(s=scale, scale=exp(loc)); "gamma" with concentration, rate as GammaPrior, i.e.
scipy's gamma(a=concentration, scale=1/rate)), points and logpdf.
"fitted" cases: sklearn's default L-BFGS-B with n_restarts_optimizer restarts (random_state 0) from
c=1, lengthscales 1, noise 1e-3; fields x, y, family, restarts and the fitted hyperparameters + lml.
"""

import json
import os

import numpy as np
import sklearn
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, Matern, WhiteKernel

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "gp_sklearn.json")


def family_kernel(family, lengthscales, bounds="fixed"):
    if family == "RBF":
        return RBF(length_scale=lengthscales, length_scale_bounds=bounds)
    nu = {"MATERN_12": 0.5, "MATERN_32": 1.5, "MATERN_52": 2.5}[family]
    return Matern(length_scale=lengthscales, length_scale_bounds=bounds, nu=nu)


def smooth(x):
    return np.sin(3 * x[:, 0]) + np.cos(2 * x[:, 1:]).sum(axis=1) + 0.5 * x[:, 0] * x[:, -1]


def fixed_case(name, family, rng, n, d, lengthscales, outputscale, noise, normalize_y):
    x = rng.uniform(0, 1, size=(n, d))
    y = 3.0 * smooth(x) + 2.0 + 0.05 * rng.standard_normal(n)
    x_test = np.vstack([rng.uniform(-0.2, 1.2, size=(12, d)), x[:3]])
    kernel = ConstantKernel(outputscale, "fixed") * family_kernel(family, np.array(lengthscales)) \
        + WhiteKernel(noise, "fixed")
    gp = GaussianProcessRegressor(kernel=kernel, alpha=0.0, optimizer=None, normalize_y=normalize_y)
    gp.fit(x, y)
    mean, std = gp.predict(x_test, return_std=True)
    return {
        "name": name, "kind": "fixed", "family": family, "x": x.tolist(), "y": y.tolist(), "x_test": x_test.tolist(),
        "lengthscales": list(lengthscales), "outputscale": outputscale, "noise": noise, "normalize_y": normalize_y,
        "mean": mean.tolist(), "std": std.tolist(), "lml": float(gp.log_marginal_likelihood_value_),
    }


def fitted_case(name, family, rng, n, d, restarts):
    x = rng.uniform(0, 1, size=(n, d))
    y = smooth(x) + 0.01 * rng.standard_normal(n)
    kernel = ConstantKernel(1.0) * family_kernel(family, np.ones(d), (1e-5, 1e5)) + WhiteKernel(1e-3)
    gp = GaussianProcessRegressor(kernel=kernel, alpha=0.0, normalize_y=True, n_restarts_optimizer=restarts, random_state=0)
    gp.fit(x, y)
    k = gp.kernel_
    return {
        "name": name, "kind": "fitted", "family": family, "x": x.tolist(), "y": y.tolist(), "restarts": restarts,
        "outputscale": float(k.k1.k1.constant_value), "lengthscales": np.atleast_1d(k.k1.k2.length_scale).tolist(),
        "noise": float(k.k2.noise_level), "lml": float(gp.log_marginal_likelihood_value_),
    }


def prior_case(name, family, a, b, points):
    import scipy.stats
    if family == "lognormal":
        dist = scipy.stats.lognorm(s=b, scale=np.exp(a))
        params = {"loc": a, "scale": b}
    else:
        dist = scipy.stats.gamma(a=a, scale=1.0 / b)
        params = {"concentration": a, "rate": b}
    return {"name": name, "kind": "prior", "family": family, **params, "points": points,
            "logpdf": [float(dist.logpdf(p)) for p in points]}


def main():
    rng = np.random.default_rng(20261127)
    cases = [
        fixed_case("rbf_raw", "RBF", rng, 25, 3, [0.3, 0.5, 0.8], 1.7, 0.01, False),
        fixed_case("matern12_std", "MATERN_12", rng, 25, 3, [0.4, 0.6, 1.1], 0.9, 0.02, True),
        fixed_case("matern32_std", "MATERN_32", rng, 25, 3, [0.25, 0.7, 0.5], 1.3, 0.005, True),
        fixed_case("matern52_std", "MATERN_52", rng, 30, 4, [0.35, 0.45, 0.9, 1.5], 1.1, 0.001, True),
        fixed_case("rbf_std_d6", "RBF", rng, 40, 6, [0.5, 0.6, 0.7, 0.8, 0.9, 1.0], 2.0, 1e-4, True),
        fitted_case("fit_matern52", "MATERN_52", rng, 40, 3, 3),
        fitted_case("fit_rbf", "RBF", rng, 40, 2, 3),
        prior_case("lognormal_dim6", "lognormal", np.sqrt(2) + 0.5 * np.log(6), np.sqrt(3), [0.03, 0.5, 4.0, 60.0]),
        prior_case("lognormal_noise", "lognormal", -4.0, 1.0, [1e-4, 0.018, 0.3]),
        prior_case("gamma_lengthscale", "gamma", 3.0, 6.0, [0.05, 0.33, 2.0]),
        prior_case("gamma_noise", "gamma", 1.1, 0.05, [1e-4, 0.5, 30.0]),
    ]
    with open(OUT, "w") as f:
        json.dump({"sklearn_version": sklearn.__version__, "cases": cases}, f, indent=None)
        f.write("\n")
    for c in cases:
        print(c["name"], c.get("lml"), c.get("lengthscales"), c.get("logpdf"))


if __name__ == "__main__":
    main()
