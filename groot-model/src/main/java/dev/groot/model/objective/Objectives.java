package dev.groot.model.objective;

import java.util.Locale;

/**
 * Builds the objective named on the command line: {@code kl} (tau-r, tau-s, lambda),
 * {@code pairwise[:margin=M]} (lambda; margin default {@value #DEFAULT_MARGIN}, tau-r and tau-s
 * unused) or {@code nll}, the control: only gold carries weight, lambda (tau-r, tau-s, margin
 * unused).
 */
public final class Objectives {

    public static final double DEFAULT_MARGIN = 0.1;

    private Objectives() {
    }

    public static ContrastiveObjective parse(String name, double tauR, double tauS, double lambda) {
        return create(name, tauR, tauS, lambda, DEFAULT_MARGIN);
    }

    /**
     * The one factory of objectives from options: {@code kl}, {@code nll}, {@code pairwise} (margin from
     * {@code margin}, e.g. the {@code --margin} option) or {@code pairwise:margin=M} (M wins).
     */
    public static ContrastiveObjective create(String name, double tauR, double tauS, double lambda, double margin) {
        if (name == null) {
            throw new IllegalArgumentException("objective name is missing; use kl, pairwise or nll");
        }
        String spec = name.trim().toLowerCase(Locale.ROOT);
        if (spec.equals("kl")) {
            return new KlObjective(tauR, tauS, lambda);
        }
        if (spec.equals("nll")) {
            return new GoldOnlyObjective(lambda);
        }
        if (spec.equals("pairwise")) {
            return new PairwiseMarginObjective(margin, lambda);
        }
        if (spec.startsWith("pairwise:margin=")) {
            String value = spec.substring("pairwise:margin=".length());
            try {
                return new PairwiseMarginObjective(Double.parseDouble(value), lambda);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("objective '" + name + "': margin '" + value + "' is not a number");
            }
        }
        throw new IllegalArgumentException("unknown objective '" + name + "'; use kl, pairwise[:margin=M] or nll");
    }
}
