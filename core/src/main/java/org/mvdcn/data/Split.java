package org.mvdcn.data;

/** The three disjoint patient sets of SPEC section 3, with the names manifests use. */
public enum Split {
    TRAIN("train"),
    VALIDATION("val"),
    TEST("test");

    private final String label;

    Split(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The split named {@code label} (train, val, test), or an exception naming the valid ones. */
    public static Split fromLabel(String label) {
        for (Split s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + label + "' (expected train, val or test)");
    }
}
