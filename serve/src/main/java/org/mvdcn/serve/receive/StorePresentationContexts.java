package org.mvdcn.serve.receive;

import com.pixelmed.network.CompositeInstanceStoreAbstractSyntaxSelectionPolicy;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextSelectionPolicy;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * Which presentation contexts the node accepts: any storage SOP class (and verification), in each
 * transfer syntax mvdcn can decode, the sender's first choice among them. Written here because
 * PixelMed's "any explicit" policy accepts a compressed syntax only beside an uncompressed one, so a
 * sender that proposes JPEG 2000 alone (dcmtk {@code storescu -R} with a J2K file) was refused.
 */
final class StorePresentationContexts implements PresentationContextSelectionPolicy {

    /** PS3.5 A.2-A.4: implicit and explicit VR little endian, JPEG lossless (process 14 and SV1), JPEG 2000 (lossless and any). */
    static final List<String> ACCEPTED = List.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.4.57",
            "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91");
    private static final Set<String> ACCEPTED_SET = Set.copyOf(ACCEPTED);
    private static final byte ACCEPTANCE = 0;
    /** PS3.8 9.3.3.2: provider rejection, transfer syntaxes not supported. */
    private static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    private final CompositeInstanceStoreAbstractSyntaxSelectionPolicy abstractSyntaxes = new CompositeInstanceStoreAbstractSyntaxSelectionPolicy();

    @Override
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int association, int debugLevel) {
        return applyPresentationContextSelectionPolicy(contexts, association);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int association) {
        LinkedList selected = abstractSyntaxes.applyAbstractSyntaxSelectionPolicy(contexts, association);
        for (Object o : selected) {
            PresentationContext pc = (PresentationContext) o;
            if (pc.getResultReason() != ACCEPTANCE) {
                continue;
            }
            String chosen = ((List<String>) pc.getTransferSyntaxUIDs()).stream().map(String::trim).filter(ACCEPTED_SET::contains)
                    .findFirst().orElse(null);
            pc.newTransferSyntaxUIDs();
            // a rejected context still answers with one transfer syntax sub-item (PS3.8 9.3.3.2), which the peer ignores
            pc.addTransferSyntaxUID(chosen != null ? chosen : ACCEPTED.get(0));
            if (chosen == null) {
                pc.setResultReason(TRANSFER_SYNTAXES_NOT_SUPPORTED);
            }
        }
        return selected;
    }
}
