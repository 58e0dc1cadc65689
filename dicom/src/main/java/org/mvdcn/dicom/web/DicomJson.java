package org.mvdcn.dicom.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/** Values out of a data set in the DICOM JSON model (PS3.18 F.2): attributes keyed by tag, values in "Value" arrays. */
final class DicomJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DicomJson() {}

    /** The server's text as JSON; a missing node when it is none, for the caller to report with the text. */
    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** The attribute's first value as text; empty when absent or without value. */
    static String text(JsonNode dataset, String tag) {
        return dataset.path(tag).path("Value").path(0).asText("");
    }

    /** The items of a sequence attribute; none when absent or empty. */
    static List<JsonNode> items(JsonNode dataset, String tag) {
        List<JsonNode> items = new ArrayList<>();
        dataset.path(tag).path("Value").forEach(items::add);
        return items;
    }
}
