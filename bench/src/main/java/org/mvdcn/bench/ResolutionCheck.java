package org.mvdcn.bench;

import java.util.Locale;
import java.util.Map;
import org.mvdcn.synth.Finding;
import org.mvdcn.synth.FindingVisibility;

/**
 * Prints, as a Markdown table, how visible each synthetic finding kind stays at 1, 1/2, 1/4,
 * 1/8 resolution (see FindingVisibility). Usage: ResolutionCheck TRIALS SEED
 */
public final class ResolutionCheck {

    private ResolutionCheck() {}

    public static void main(String[] args) {
        int trials = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        long start = System.nanoTime();
        Map<Finding.Kind, double[]> v = FindingVisibility.measure(trials, seed);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Median visibility (peak signal / local fine-detail std) over %d findings per kind, seed %d:%n%n",
                trials, seed));
        sb.append("| finding (BI-RADS) | scale 1 | 1/2 | 1/4 | 1/8 | 1/8 as share of 1 |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<Finding.Kind, double[]> e : v.entrySet()) {
            String birads = e.getKey() == Finding.Kind.MICROCALCIFICATIONS || e.getKey() == Finding.Kind.SPICULATED_DENSITY ? "0" : "2";
            double[] m = e.getValue();
            sb.append(String.format(Locale.ROOT, "| %s (%s) | %.2f | %.2f | %.2f | %.2f | %.0f%% |%n",
                    e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '), birads, m[0], m[1], m[2], m[3], 100 * m[3] / m[0]));
        }
        sb.append(String.format(Locale.ROOT, "%n(%.0f s)%n", (System.nanoTime() - start) / 1e9));
        System.out.print(sb);
    }
}
