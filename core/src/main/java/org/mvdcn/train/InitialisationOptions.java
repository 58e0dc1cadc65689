package org.mvdcn.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.mvdcn.UsageException;
import org.mvdcn.model.OutputHead;
import org.mvdcn.model.WeightInit;

/**
 * The network a run starts from: its width and head, and either weights drawn as {@code init} says (the
 * paper's Glorot by default) or, to fine-tune, the weights in the file {@code from} with the layers
 * {@code freeze} names kept as loaded.
 *
 * @param width channel multiplier (1: the paper's network; a file's shapes must show the same)
 * @param head what the head reads and is trained against (null, as runs recorded before it: the paper's exam head)
 * @param init how fresh weights are drawn
 * @param from the absolute path of the weights to start from (null: drawn weights)
 * @param freeze the layers that keep the loaded weights (null: all train)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InitialisationOptions(double width, OutputHead head, WeightInit init, String from, FrozenLayers freeze) {

    public InitialisationOptions {
        head = head == null ? OutputHead.EXAM : head;
        init = init == null ? WeightInit.GLOROT : init;
        if (!(width > 0)) {
            throw new UsageException("need --width > 0, got " + width);
        }
        if (freeze != null && from == null) {
            throw new UsageException("--freeze needs --from WEIGHTS: only loaded weights can be kept as they are");
        }
        if (from != null && init != WeightInit.GLOROT) {
            throw new UsageException("--init " + init.label() + " draws fresh weights and --from loads them: give one of the two");
        }
    }

    /** How the run's log and model card say it: "glorot init", or where the weights came from; and a breast head. */
    public String describe() {
        return (from == null ? init.label() + " init" : "weights from " + from + (freeze == null ? "" : ", " + freeze.spec() + " frozen"))
                + (head == OutputHead.BREAST ? ", a head per breast trained on breast labels" : "");
    }
}
