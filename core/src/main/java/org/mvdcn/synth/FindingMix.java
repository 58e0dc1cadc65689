package org.mvdcn.synth;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which kind of finding an exam of a BI-RADS class carries: a share per kind, the shares of each
 * class's kinds adding up to 1. Written as {@code kind=share,...}; a class none of whose kinds is
 * named keeps its default shares.
 */
public record FindingMix(Map<Finding.Kind, Double> shares) {

    /**
     * The cohort as designed: BI-RADS 0 60% microcalcifications, 40% spiculated densities; BI-RADS 2
     * half benign calcifications, half circumscribed masses.
     */
    public static final FindingMix DEFAULT = new FindingMix(Map.of(Finding.Kind.MICROCALCIFICATIONS, 0.6,
            Finding.Kind.SPICULATED_DENSITY, 0.4, Finding.Kind.BENIGN_CALCIFICATIONS, 0.5, Finding.Kind.CIRCUMSCRIBED_MASS, 0.5));

    public FindingMix {
        Map<Finding.Kind, Double> all = new EnumMap<>(Finding.Kind.class);
        for (Finding.Kind k : Finding.Kind.values()) {
            double share = shares.getOrDefault(k, 0.0);
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("finding mix: the share of " + k.label() + " must lie in [0, 1], got " + share);
            }
            all.put(k, share);
        }
        for (int birads : new int[] {0, 2}) {
            double sum = 0;
            for (Finding.Kind k : Finding.Kind.values()) {
                sum += k.birads() == birads ? all.get(k) : 0;
            }
            if (Math.abs(sum - 1) > 1e-9) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "finding mix: the shares of the BI-RADS %d kinds must add up to 1, got %.6g", birads, sum));
            }
        }
        shares = Map.copyOf(all);
    }

    /** {@code kind=share,...}, kinds by their labels ("fine-calcifications=1"). */
    public static FindingMix parse(String text) {
        Map<Finding.Kind, Double> given = new EnumMap<>(Finding.Kind.class);
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", -1);
            Finding.Kind kind = kv.length == 2 ? byLabel(kv[0].trim()) : null;
            if (kind == null) {
                throw new IllegalArgumentException("finding mix: '" + part.trim() + "' is not KIND=SHARE with KIND one of "
                        + java.util.Arrays.stream(Finding.Kind.values()).map(Finding.Kind::label).toList());
            }
            try {
                given.put(kind, Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("finding mix: the share of " + kind.label() + " is not a number: '" + kv[1] + "'");
            }
        }
        Map<Finding.Kind, Double> shares = new EnumMap<>(given);
        for (Finding.Kind k : Finding.Kind.values()) {
            boolean classNamed = given.keySet().stream().anyMatch(g -> g.birads() == k.birads());
            if (!classNamed) {
                shares.put(k, DEFAULT.shares().get(k));
            }
        }
        return new FindingMix(shares);
    }

    /**
     * The kind for a uniform draw {@code r} in [0, 1): the kinds of the class in their order, each
     * taking its share of the interval, so that the default mix picks exactly as the generator
     * always has ({@code r < 0.6}: microcalcifications).
     */
    Finding.Kind pick(int birads, double r) {
        Finding.Kind last = null;
        for (Finding.Kind k : Finding.Kind.values()) {
            double share = shares.get(k);
            if (k.birads() != birads || share == 0) {
                continue;
            }
            r -= share;
            if (r < 0) {
                return k;
            }
            last = k;
        }
        return last; // r rounded past the last share
    }

    /** {@code kind=share,...} for the kinds drawn, BI-RADS 0's first, as {@link #parse} reads it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int birads : new int[] {0, 2}) {
            for (Finding.Kind k : Finding.Kind.values()) {
                if (k.birads() == birads && shares.get(k) > 0) {
                    sb.append(sb.isEmpty() ? "" : ",").append(k.label()).append('=').append(shares.get(k));
                }
            }
        }
        return sb.toString();
    }

    private static Finding.Kind byLabel(String label) {
        for (Finding.Kind k : Finding.Kind.values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        return null;
    }
}
