package org.mvdcn.bench;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.mvdcn.synth.Finding;
import org.mvdcn.synth.FindingVisibility;

/**
 * Prints, as Markdown tables, how visible each synthetic finding kind stays at 1, 1/2, 1/4, 1/8
 * of a cohort's size, and (with a scale or contrast given) how detectable (see FindingVisibility).
 * Usage: ResolutionCheck TRIALS SEED [SCALE CONTRAST]
 */
public final class ResolutionCheck {

    private ResolutionCheck() {}

    public static void main(String[] args) {
        int trials = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        boolean cohort = args.length > 2;
        double scale = cohort ? Double.parseDouble(args[2]) : 1;
        double contrast = cohort ? Double.parseDouble(args[3]) : 1;
        long start = System.nanoTime();
        Map<Finding.Kind, FindingVisibility.Visibility> v = FindingVisibility.measure(trials, seed, scale, contrast);
        StringBuilder sb = new StringBuilder();
        String setting = cohort ? String.format(Locale.ROOT, ", cohort scale %s, contrast %s", scale, contrast) : "";
        sb.append(String.format(Locale.ROOT, "Median visibility (peak signal / local fine-detail std) over %d findings per kind, seed %d%s:%n%n",
                trials, seed, setting));
        table(sb, v, FindingVisibility.Visibility::peakOverClutter, cohort ? "full size" : "scale 1");
        if (cohort) {
            sb.append(String.format(Locale.ROOT, "%nMedian detectability d' (matched filter / detector noise at that size):%n%n"));
            table(sb, v, FindingVisibility.Visibility::detectability, "full size");
        }
        sb.append(String.format(Locale.ROOT, "%n(%.0f s)%n", (System.nanoTime() - start) / 1e9));
        System.out.print(sb);
    }

    private static void table(StringBuilder sb, Map<Finding.Kind, FindingVisibility.Visibility> v,
            Function<FindingVisibility.Visibility, double[]> measure, String full) {
        sb.append("| finding (BI-RADS) | ").append(full).append(" | 1/2 | 1/4 | 1/8 | 1/8 as share of 1 |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<Finding.Kind, FindingVisibility.Visibility> e : v.entrySet()) {
            double[] m = measure.apply(e.getValue());
            sb.append(String.format(Locale.ROOT, "| %s (%d) | %.2f | %.2f | %.2f | %.2f | %.0f%% |%n",
                    e.getKey().label().replace('-', ' '), e.getKey().birads(), m[0], m[1], m[2], m[3], 100 * m[3] / m[0]));
        }
    }
}
