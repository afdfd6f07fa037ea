package io.topicnmf.cli;

import io.topicnmf.nmf.Init;
import io.topicnmf.nmf.Loss;
import io.topicnmf.nmf.Nmf;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.nmf.Solver;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Flags of the factorization (fit, factorize and select-k share them). */
final class NmfFlags {
  @Option(names = "--loss", paramLabel = "frobenius|kl",
      description = "Loss: kl (generalized Kullback-Leibler; default of fit) or frobenius (0.5·||X-WH||²; default of factorize, and with --solver hals or anls).")
  Loss loss;

  @Option(names = "--solver", defaultValue = "auto", paramLabel = "auto|hals|cd|mu|anls",
      description = "Solver: auto (hals for frobenius, cd for kl; default), hals, cd, mu (multiplicative updates), anls (exact alternating non-negative least squares by block principal pivoting; frobenius only).")
  Solver solver;

  @Option(names = "--init", defaultValue = "nndsvda", paramLabel = "nndsvd|nndsvda|nndsvdar|random",
      description = "Initialisation (default: ${DEFAULT-VALUE}).")
  Init init;

  @Option(names = "--max-iter", defaultValue = "200", description = "Maximum NMF iterations (default: ${DEFAULT-VALUE}).")
  int maxIter;

  @Option(names = "--tol", defaultValue = "auto", paramLabel = "auto|T", converter = Tolerance.class,
      description = "Stop when the objective fell by less than this share of its initial value over the last " + Nmf.WINDOW
          + " iterations (" + Nmf.KL_CD_WINDOW + " for KL coordinate descent); 0 runs every --max-iter iteration;"
          + " auto (default) = 5e-4 for KL coordinate descent on all rows at once,"
          + " 1e-4 otherwise.")
  double tol;

  @Option(names = "--alpha-w", defaultValue = "0",
      description = "Regularisation of W, scaled by the number of columns as scikit-learn does (default: ${DEFAULT-VALUE}).")
  double alphaW;

  @Option(names = "--alpha-h", defaultValue = "0",
      description = "Regularisation of H, scaled by the number of rows as scikit-learn does (default: ${DEFAULT-VALUE}).")
  double alphaH;

  @Option(names = "--l1-ratio", defaultValue = "0",
      description = "Share of L1 in the regularisation, 0 = L2 only, 1 = L1 only (default: ${DEFAULT-VALUE}).")
  double l1Ratio;

  @Option(names = "--trace", description = "Record (iteration, seconds, objective) rows in the output.")
  boolean trace;

  /**
   * NMF options for {@code k} topics with these flags and the shared ones; without {@code --loss},
   * the Frobenius loss ({@link NmfOptions#defaults}).
   */
  NmfOptions options(int k, CommonOptions common) throws UserException {
    return options(NmfOptions.defaults(k), common);
  }

  /**
   * These flags and the shared ones over {@code defaults}, which gives k and the loss used when
   * {@code --loss} is absent ({@code --solver hals} or {@code anls} alone implies the Frobenius loss).
   */
  NmfOptions options(NmfOptions defaults, CommonOptions common) throws UserException {
    boolean frobeniusOnly = solver == Solver.HALS || solver == Solver.ANLS;
    Loss l = loss != null ? loss : frobeniusOnly ? Loss.FROBENIUS : defaults.loss();
    return new NmfOptions(defaults.k(), l, solver, init, maxIter, tol, common.seed, common.threads(),
        alphaW, alphaH, l1Ratio, trace, 0);
  }

  /** {@code auto} or a finite number ≥ 0. */
  static final class Tolerance implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      if (value.equalsIgnoreCase("auto")) {
        return NmfOptions.AUTO_TOL;
      }
      try {
        double t = Double.parseDouble(value.trim());
        if (t >= 0 && !Double.isInfinite(t)) {
          return t;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new CommandLine.TypeConversionException("must be auto or a finite number >= 0 (e.g. 1e-4), got '"
          + value + "'");
    }
  }
}
