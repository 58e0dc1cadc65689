package org.mvdcn.train;

import org.mvdcn.UsageException;
import org.mvdcn.model.WeightInit;

/**
 * The network a run starts from: its width, and weights drawn as {@code init} says (the paper's
 * Glorot by default).
 *
 * @param width channel multiplier (1: the paper's network)
 * @param init how fresh weights are drawn
 */
public record InitialisationOptions(double width, WeightInit init) {

    public InitialisationOptions {
        init = init == null ? WeightInit.GLOROT : init;
        if (!(width > 0)) {
            throw new UsageException("need --width > 0, got " + width);
        }
    }

    /** How the run's log and model card say it: "glorot init". */
    public String describe() {
        return init.label() + " init";
    }
}
