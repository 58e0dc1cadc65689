package org.mvdcn.train;

import org.mvdcn.UsageException;

/**
 * What acts on the network only while it trains: the paper's noise and dropout, which keep it from
 * fitting the training exams' noise (SPEC section 1), and batch normalisation (not the paper's),
 * which is folded into the convolutions outside training.
 *
 * @param noiseStd std of the Gaussian noise added to the standardised input while training
 * @param dropout dropout after each pooling layer and in the head
 * @param batchNorm batch normalisation after each convolution (false in runs recorded before it existed)
 */
public record RegularisationOptions(float noiseStd, float dropout, boolean batchNorm) {

    public RegularisationOptions {
        if (!(noiseStd >= 0) || !(dropout >= 0 && dropout < 1)) {
            throw new UsageException("need --noise >= 0 and --dropout in [0, 1), got " + noiseStd + " and " + dropout);
        }
    }
}
