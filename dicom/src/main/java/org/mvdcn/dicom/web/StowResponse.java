package org.mvdcn.dicom.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a STOW-RS answer (PS3.18 10.5.3): the HTTP status, then the Failed SOP Sequence of the
 * DICOM JSON data set, and fails naming each file the server did not store and why.
 */
final class StowResponse {

    private static final String FAILED_SOP_SEQUENCE = "00081198";
    private static final String REFERENCED_SOP_SEQUENCE = "00081199";
    private static final String REFERENCED_SOP_INSTANCE_UID = "00081155";
    private static final String FAILURE_REASON = "00081197";
    /** Failure Reason values (PS3.18 table 10.5.3-2, PS3.4 annex B.2.3). */
    private static final Map<Integer, String> REASONS = Map.of(
            0x0110, "processing failure",
            0x0122, "SOP class not supported",
            0xA700, "out of resources",
            0xA900, "data set does not match SOP class",
            0xC000, "cannot understand",
            0xC122, "transfer syntax not supported");

    private StowResponse() {}

    /** Returns when every instance was stored (warnings aside); otherwise throws, naming the others. */
    static void check(URI uri, int status, String body, List<StowRequest.Instance> sent) throws IOException {
        String where = "POST " + uri + ": HTTP " + status;
        // 200 all stored, 202 some not, 400 and 409 none or some not: each of them with the data set
        if (status != 200 && status != 202 && status != 400 && status != 409) {
            throw new IOException(where + ": " + ServerText.of(body));
        }
        if (body.isBlank()) {
            if (status == 200) {
                return;
            }
            throw new IOException(where + " without the data set saying which instances failed");
        }
        JsonNode dataset = DicomJson.parse(body);
        if (!dataset.isObject()) {
            throw new IOException(where + ", not a DICOM JSON data set: " + ServerText.of(body));
        }
        List<String> problems = problems(dataset, status == 200, sent);
        if (!problems.isEmpty()) {
            throw new IOException(where + ", " + problems.size() + " of " + sent.size() + " instances not stored: "
                    + String.join("; ", problems));
        }
        if (status != 200 && status != 202) {
            throw new IOException(where + ": " + ServerText.of(body));
        }
    }

    /** The instances failed, by file where it was sent; and, unless all were stored, those the answer does not mention. */
    private static List<String> problems(JsonNode dataset, boolean allStored, List<StowRequest.Instance> sent) {
        Map<String, Integer> failed = new LinkedHashMap<>();
        for (JsonNode item : DicomJson.items(dataset, FAILED_SOP_SEQUENCE)) {
            failed.put(DicomJson.text(item, REFERENCED_SOP_INSTANCE_UID), item.path(FAILURE_REASON).path("Value").path(0).asInt(-1));
        }
        Set<String> stored = new HashSet<>();
        DicomJson.items(dataset, REFERENCED_SOP_SEQUENCE).forEach(item -> stored.add(DicomJson.text(item, REFERENCED_SOP_INSTANCE_UID)));
        List<String> problems = new ArrayList<>();
        for (StowRequest.Instance instance : sent) {
            String name = instance.file().getFileName() + " (SOP Instance UID " + instance.sopInstanceUid() + ")";
            Integer reason = failed.remove(instance.sopInstanceUid());
            if (reason != null) {
                problems.add(name + ": " + reason(reason));
            } else if (!allStored && !stored.contains(instance.sopInstanceUid())) {
                // Orthanc answers 400 without a Failed SOP Sequence item for a file it cannot parse
                problems.add(name + ": not stored, the server gave no reason");
            }
        }
        failed.forEach((uid, reason) -> problems.add("SOP Instance UID " + (uid.isEmpty() ? "(none given)" : uid) + ": " + reason(reason)));
        return problems;
    }

    private static String reason(int code) {
        if (code < 0) {
            return "failed, without a reason code";
        }
        return String.format("failure reason 0x%04X", code) + (REASONS.containsKey(code) ? " (" + REASONS.get(code) + ")" : "");
    }
}
