package org.mvdcn.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A lesion drawn into both views of one breast. Its place is given relative to the breast, depth
 * {@code u} from the chest wall (fraction of the breast's depth) and offset {@code v} from the
 * breast's axis (fraction of its half-height), so CC and MLO show it at consistent positions.
 * Sizes are in pixels at scale 1.
 *
 * <p>BI-RADS 0 findings need fine detail (microcalcifications a pixel or two across, thin
 * spicules); BI-RADS 2 findings are coarse (large smooth calcifications, round circumscribed
 * masses), so down-scaling removes the former much more than the latter. The fine calcifications
 * go further: nothing of them but their specks survives (see {@link FineCalcifications}), so a
 * BI-RADS 0 class made of them alone is evidence that only full resolution can see.
 */
public record Finding(Kind kind, double u, double v, List<Blob> blobs) {

    /** The kinds in the order their draws were added: a new kind goes last, so earlier cohorts keep their seeds. */
    public enum Kind {
        MICROCALCIFICATIONS(0), SPICULATED_DENSITY(0), BENIGN_CALCIFICATIONS(2), CIRCUMSCRIBED_MASS(2), FINE_CALCIFICATIONS(0);

        private final int birads;

        Kind(int birads) {
            this.birads = birads;
        }

        /** The BI-RADS class whose exams carry this kind. */
        public int birads() {
            return birads;
        }

        /** The name options and tables use: "fine-calcifications". */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One element of a finding, relative to the finding's centre (pixels at scale 1): a Gaussian
     * blob ({@code length} 0) or a line segment with Gaussian cross-section.
     */
    record Blob(double dy, double dx, double sigma, double amplitude, double length, double angle, boolean sharpDisk) {}

    static Finding random(Kind kind, SplittableRandom rng) {
        double u = 0.25 + 0.5 * rng.nextDouble();
        double v = -0.55 + 1.1 * rng.nextDouble();
        List<Blob> blobs = new ArrayList<>();
        switch (kind) {
            case MICROCALCIFICATIONS -> {
                int n = 6 + rng.nextInt(9);
                double radius = 25 + 35 * rng.nextDouble();
                for (int i = 0; i < n; i++) {
                    double r = radius * Math.sqrt(rng.nextDouble());
                    double a = 2 * Math.PI * rng.nextDouble();
                    blobs.add(new Blob(r * Math.sin(a), r * Math.cos(a), 0.6 + 0.6 * rng.nextDouble(),
                            1400 + 1000 * rng.nextDouble(), 0, 0, false));
                }
            }
            case SPICULATED_DENSITY -> {
                blobs.add(new Blob(0, 0, 4 + 3 * rng.nextDouble(), 700 + 400 * rng.nextDouble(), 0, 0, false));
                int n = 6 + rng.nextInt(7);
                for (int i = 0; i < n; i++) {
                    double angle = 2 * Math.PI * (i + 0.3 * rng.nextDouble()) / n;
                    blobs.add(new Blob(0, 0, 0.7 + 0.4 * rng.nextDouble(), 900 + 500 * rng.nextDouble(),
                            40 + 50 * rng.nextDouble(), angle, false));
                }
            }
            case BENIGN_CALCIFICATIONS -> {
                int n = 1 + rng.nextInt(4);
                for (int i = 0; i < n; i++) {
                    blobs.add(new Blob(60 * rng.nextGaussian(), 60 * rng.nextGaussian(), 8 + 12 * rng.nextDouble(),
                            6000 + 6000 * rng.nextDouble(), 0, 0, true));
                }
            }
            case CIRCUMSCRIBED_MASS -> blobs.add(new Blob(0, 0, 40 + 50 * rng.nextDouble(), 2500 + 1500 * rng.nextDouble(),
                    0, 0, true));
            case FINE_CALCIFICATIONS -> blobs.addAll(FineCalcifications.random(rng));
        }
        return new Finding(kind, u, v, blobs);
    }

    /** Where a CC view of {@code anatomy}, h pixels high, unshifted, shows the finding's centre: its row. */
    double centreYInCc(BreastAnatomy anatomy, int h) {
        return anatomy.centre() * h + v * anatomy.halfHeight() * h;
    }

    /** Its column (chest wall at 0). */
    double centreXInCc(BreastAnatomy anatomy, int w) {
        return u * anatomy.depth() * w;
    }

    /**
     * Adds the finding to {@code image} (h x w, oriented, chest wall left) centred at (cy, cx);
     * {@code scale} shrinks it, {@code contrast} multiplies its brightness.
     */
    void draw(float[] image, int h, int w, double cy, double cx, double scale, double contrast) {
        for (Blob b : blobs) {
            drawElement(b, image, h, w, cy, cx, scale, contrast);
        }
    }

    /**
     * The finding's signal energy at scale 1, the sum of its squared brightness over the pixels,
     * each element drawn alone (where elements overlap their cross terms are left out): what an
     * observer who knows the finding exactly integrates, so {@code sqrt(energy) / noise} is its
     * detectability in detector noise.
     */
    double energy(double contrast) {
        double sum = 0;
        for (Blob b : blobs) {
            int half = (int) Math.ceil(reach(b, 1)) + 2;
            int size = 2 * half + 1;
            float[] patch = new float[size * size];
            drawElement(b, patch, size, size, half - b.dy(), half - b.dx(), 1, contrast);
            for (float p : patch) {
                sum += (double) p * p;
            }
        }
        return sum;
    }

    /**
     * Detectability d' of a signal of {@code energy} (see {@link #energy}): its matched filter's
     * output over the detector noise of a breast half fat, half gland, in noise standard deviations.
     */
    static double detectability(double energy) {
        return Math.sqrt(energy) / MammogramRenderer.noiseSigma(MammogramRenderer.AIR + MammogramRenderer.FAT + MammogramRenderer.GLAND / 2);
    }

    private void drawElement(Blob b, float[] image, int h, int w, double cy, double cx, double scale, double contrast) {
        if (kind == Kind.FINE_CALCIFICATIONS) {
            FineCalcifications.draw(b, image, h, w, cy, cx, scale, contrast);
        } else {
            drawBlob(b, image, h, w, cy, cx, scale, contrast);
        }
    }

    /** How far from its centre an element reaches, in pixels at {@code scale}. */
    private double reach(Blob b, double scale) {
        return kind == Kind.FINE_CALCIFICATIONS ? FineCalcifications.reach(b, scale) : blobReach(b, scale);
    }

    /** The rendered width of an element: no narrower than the pixel grid can show. */
    static double renderedSigma(Blob b, double scale) {
        return Math.max(b.sigma() * scale, 0.35);
    }

    static double blobReach(Blob b, double scale) {
        return (b.sharpDisk() ? 1.3 : 3.5) * renderedSigma(b, scale) + b.length() * scale;
    }

    /** Adds one element, its centre at (cy, cx) plus its offset; {@code image} is h x w. */
    static void drawBlob(Blob b, float[] image, int h, int w, double cy, double cx, double scale, double contrast) {
        double sigma = renderedSigma(b, scale);
        double by = cy + b.dy() * scale;
        double bx = cx + b.dx() * scale;
        double len = b.length() * scale;
        double reach = blobReach(b, scale);
        int y0 = Math.max(0, (int) (by - reach));
        int y1 = Math.min(h - 1, (int) (by + reach) + 1);
        int x0 = Math.max(0, (int) (bx - reach));
        int x1 = Math.min(w - 1, (int) (bx + reach) + 1);
        double cos = Math.cos(b.angle());
        double sin = Math.sin(b.angle());
        // a blob (or line) narrower than the pixel floor keeps its integrated brightness
        double ratio = Math.min(1, (b.sigma() * scale) / sigma);
        double amplitude = contrast * b.amplitude() * (len > 0 ? ratio : ratio * ratio);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dy = y - by;
                double dx = x - bx;
                double value;
                if (len > 0) {
                    double along = dx * cos + dy * sin;
                    double across = -dx * sin + dy * cos;
                    if (along < 0 || along > len) {
                        continue;
                    }
                    value = Math.exp(-across * across / (2 * sigma * sigma)) * (1 - along / len);
                } else if (b.sharpDisk()) {
                    double r = Math.sqrt(dx * dx + dy * dy);
                    value = 1 / (1 + Math.exp((r - sigma) / Math.max(0.8, 0.06 * sigma)));
                } else {
                    value = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                }
                image[y * w + x] += (float) (amplitude * value);
            }
        }
    }
}
