package org.mvdcn.synth;

import java.util.Locale;

/**
 * The share of exams drawn as each BI-RADS class, written {@code 0.15,0.50,0.35} (BI-RADS 0, 1, 2).
 * The default is screening's natural mix (SPEC section 3); a positive control can ask for more of the
 * class it is about, so that each column sees enough examples of it without rendering thousands of
 * normal exams more.
 */
public record LabelMix(double biRads0, double biRads1, double biRads2) {

    /** The natural label mix of screening (SPEC section 3). */
    public static final LabelMix DEFAULT = new LabelMix(0.15, 0.50, 0.35);

    public LabelMix {
        for (double share : new double[] {biRads0, biRads1, biRads2}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("label mix: each share must lie in [0, 1], got " + describe(biRads0, biRads1, biRads2));
            }
        }
        if (Math.abs(biRads0 + biRads1 + biRads2 - 1) > 1e-9) {
            throw new IllegalArgumentException("label mix: the shares must add up to 1, got " + describe(biRads0, biRads1, biRads2));
        }
    }

    /** {@code B0,B1,B2}, e.g. "0.5,0.3,0.2". */
    public static LabelMix parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("label mix: '" + text + "' is not three shares B0,B1,B2 (BI-RADS 0, 1, 2)");
        }
        double[] shares = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                shares[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("label mix: the share of BI-RADS " + i + " is not a number: '" + parts[i] + "'");
            }
        }
        return new LabelMix(shares[0], shares[1], shares[2]);
    }

    /** The shares in class order, for drawing a class. */
    double[] shares() {
        return new double[] {biRads0, biRads1, biRads2};
    }

    @Override
    public String toString() {
        return describe(biRads0, biRads1, biRads2);
    }

    private static String describe(double b0, double b1, double b2) {
        return String.format(Locale.ROOT, "%s,%s,%s", b0, b1, b2);
    }
}
