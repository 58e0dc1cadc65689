package org.mvdcn.exam;

/** The four screening views, declared in the order the network concatenates their features. */
public enum View {
    L_CC("L-CC", Laterality.LEFT, Projection.CC),
    R_CC("R-CC", Laterality.RIGHT, Projection.CC),
    L_MLO("L-MLO", Laterality.LEFT, Projection.MLO),
    R_MLO("R-MLO", Laterality.RIGHT, Projection.MLO);

    /** Which breast. */
    public enum Laterality { LEFT, RIGHT }

    /** Which projection; the network shares one column's weights per projection. */
    public enum Projection { CC, MLO }

    private final String label;
    private final Laterality laterality;
    private final Projection projection;

    View(String label, Laterality laterality, Projection projection) {
        this.label = label;
        this.laterality = laterality;
        this.projection = projection;
    }

    /** The name used in file names and reports, e.g. {@code L-CC}. */
    public String label() {
        return label;
    }

    public Laterality laterality() {
        return laterality;
    }

    public Projection projection() {
        return projection;
    }

    /** The view with this label ({@code L-CC}, ...), or an exception listing the valid ones. */
    public static View fromLabel(String label) {
        for (View v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown view '" + label + "' (expected L-CC, R-CC, L-MLO or R-MLO)");
    }

    @Override
    public String toString() {
        return label;
    }
}
