package io.topicnmf.nmf;

import io.topicnmf.matrix.CsrMatrix;
import io.topicnmf.parallel.Workers;
import java.util.SplittableRandom;

/**
 * Initial factors, following scikit-learn's {@code _initialize_nmf}: NNDSVD (Boutsidis &amp;
 * Gallopoulos, "SVD based initialization: a head start for nonnegative matrix factorization",
 * Pattern Recognition 2008) on a {@link RandomizedSvd}, with zeros kept (nndsvd), filled with
 * {@code mean(X)} (nndsvda) or with {@code |mean(X)·N(0,1)/100|} (nndsvdar); or random
 * {@code |N(0,1)|·sqrt(mean(X)/k)} entries. {@code mean(X)} counts the implicit zeros.
 */
final class Initializer {
  /** Entries below this are set to zero after NNDSVD, as scikit-learn's {@code eps=1e-6}. */
  static final double NNDSVD_EPS = 1e-6;

  private Initializer() {}

  /** Fills {@code w} ({@code rows × k}) and {@code ht} ({@code cols × k}, i.e. Hᵀ) row-major. */
  static void initialize(CsrMatrix x, CsrMatrix xt, int k, Init init, SplittableRandom rng,
      Workers workers, double[] w, double[] ht) {
    int m = x.rows();
    int n = x.cols();
    double sum = 0;
    float[] values = x.values();
    for (int p = 0, nnz = x.nnz(); p < nnz; p++) {
      sum += values[p];
    }
    double mean = sum / ((double) m * n);

    if (x.nnz() == 0) {
      // X = 0: every scikit-learn init gives zero factors (mean 0), and X has no singular vectors.
      java.util.Arrays.fill(w, 0, m * k, 0.0);
      java.util.Arrays.fill(ht, 0, n * k, 0.0);
      return;
    }
    if (init == Init.RANDOM) {
      double avg = Math.sqrt(mean / k);
      // Same draw order as scikit-learn: H (k × n) first, then W.
      for (int t = 0; t < k; t++) {
        for (int j = 0; j < n; j++) {
          ht[j * k + t] = Math.abs(avg * rng.nextGaussian());
        }
      }
      for (int q = 0; q < m * k; q++) {
        w[q] = Math.abs(avg * rng.nextGaussian());
      }
      return;
    }

    RandomizedSvd.Result svd = RandomizedSvd.compute(x, xt, k, rng, workers);
    double[] u = svd.u();
    double[] v = svd.v();
    double[] s = svd.s();
    double s0 = Math.sqrt(Math.max(s[0], 0));
    for (int i = 0; i < m; i++) {
      w[i * k] = s0 * Math.abs(u[i * k]);
    }
    for (int j = 0; j < n; j++) {
      ht[j * k] = s0 * Math.abs(v[j * k]);
    }
    for (int c = 1; c < k; c++) {
      double xp = 0, xn = 0, yp = 0, yn = 0;
      for (int i = 0; i < m; i++) {
        double a = u[i * k + c];
        if (a > 0) xp += a * a; else xn += a * a;
      }
      for (int j = 0; j < n; j++) {
        double b = v[j * k + c];
        if (b > 0) yp += b * b; else yn += b * b;
      }
      xp = Math.sqrt(xp);
      xn = Math.sqrt(xn);
      yp = Math.sqrt(yp);
      yn = Math.sqrt(yn);
      double mp = xp * yp;
      double mn = xn * yn;
      // Keep the dominant sign pattern: (u₊, v₊) or (u₋, v₋), whichever carries more mass.
      boolean positive = mp > mn;
      double sigma = positive ? mp : mn;
      double lbd = Math.sqrt(Math.max(s[c], 0) * sigma);
      double xNorm = positive ? xp : xn;
      double yNorm = positive ? yp : yn;
      for (int i = 0; i < m; i++) {
        double a = u[i * k + c];
        double part = positive ? Math.max(a, 0) : Math.max(-a, 0);
        w[i * k + c] = xNorm > 0 ? lbd * part / xNorm : 0.0;
      }
      for (int j = 0; j < n; j++) {
        double b = v[j * k + c];
        double part = positive ? Math.max(b, 0) : Math.max(-b, 0);
        ht[j * k + c] = yNorm > 0 ? lbd * part / yNorm : 0.0;
      }
    }
    fill(w, m * k, init, mean, rng);
    fill(ht, n * k, init, mean, rng);
  }

  private static void fill(double[] a, int len, Init init, double mean, SplittableRandom rng) {
    for (int q = 0; q < len; q++) {
      if (a[q] < NNDSVD_EPS) {
        a[q] = 0.0;
      }
      if (a[q] == 0.0) {
        if (init == Init.NNDSVDA) {
          a[q] = mean;
        } else if (init == Init.NNDSVDAR) {
          a[q] = Math.abs(mean * rng.nextGaussian() / 100);
        }
      }
    }
  }
}
