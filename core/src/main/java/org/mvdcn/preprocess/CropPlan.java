package org.mvdcn.preprocess;

import org.mvdcn.UsageException;

/**
 * How many crop sets (four crops, one per view) an exam gets and whether they are translated at
 * random. One rule for every caller: training takes one random set; scoring (validation, evaluate,
 * predict, explain) takes {@code n} sets, the noise-free placement when {@code n} is 1 and fresh
 * random placements otherwise (the paper's 10-crop averaging).
 */
public record CropPlan(int sets, boolean random) {

    public CropPlan {
        if (sets < 1) {
            throw new UsageException("crops must be at least 1, got " + sets);
        }
    }

    /** One randomly translated set (SPEC section 2: fresh noise every time an image is used). */
    public static CropPlan training() {
        return new CropPlan(1, true);
    }

    /** {@code crops} sets averaged at test time; one set is the noise-free placement. */
    public static CropPlan averaged(int crops) {
        return new CropPlan(crops, crops > 1);
    }
}
