package org.mvdcn.train;

import org.mvdcn.UsageException;

/**
 * What keeps the network from fitting the training exams' noise (SPEC section 1), off at
 * validation and test time.
 *
 * @param noiseStd std of the Gaussian noise added to the standardised input while training
 * @param dropout dropout after each pooling layer and in the head
 */
public record RegularisationOptions(float noiseStd, float dropout) {

    public RegularisationOptions {
        if (!(noiseStd >= 0) || !(dropout >= 0 && dropout < 1)) {
            throw new UsageException("need --noise >= 0 and --dropout in [0, 1), got " + noiseStd + " and " + dropout);
        }
    }
}
