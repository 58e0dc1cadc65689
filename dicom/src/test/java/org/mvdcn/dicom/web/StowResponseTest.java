package org.mvdcn.dicom.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answers Orthanc never gives (it lists no Failed SOP Sequence items), as PS3.18 10.5.3 describes them. */
class StowResponseTest {

    private static final URI STUDIES = URI.create("http://pacs/dicom-web/studies");
    private static final List<StowRequest.Instance> SENT = List.of(
            new StowRequest.Instance(Path.of("a.dcm"), "1.2.3.1"), new StowRequest.Instance(Path.of("b.dcm"), "1.2.3.2"));

    @Test
    void namesEachFailedInstanceWithItsReason() {
        String answer = """
                {"00081198": {"vr": "SQ", "Value": [
                   {"00081150": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.1.2"]},
                    "00081155": {"vr": "UI", "Value": ["1.2.3.2"]},
                    "00081197": {"vr": "US", "Value": [42752]}}]},
                 "00081199": {"vr": "SQ", "Value": [{"00081155": {"vr": "UI", "Value": ["1.2.3.1"]}}]}}
                """;

        assertThatThrownBy(() -> StowResponse.check(STUDIES, 202, answer, SENT))
                .hasMessage("POST http://pacs/dicom-web/studies: HTTP 202, 1 of 2 instances not stored: "
                        + "b.dcm (SOP Instance UID 1.2.3.2): failure reason 0xA700 (out of resources)");
    }

    @Test
    void acceptsAnAnswerListingEveryInstanceAsStored() {
        String answer = """
                {"00081199": {"vr": "SQ", "Value": [{"00081155": {"vr": "UI", "Value": ["1.2.3.1"]}},
                                                   {"00081155": {"vr": "UI", "Value": ["1.2.3.2"]}}]}}
                """;

        assertThatCode(() -> StowResponse.check(STUDIES, 200, answer, SENT)).doesNotThrowAnyException();
        assertThatCode(() -> StowResponse.check(STUDIES, 202, answer, SENT)).doesNotThrowAnyException();
    }

    @Test
    void quotesTheServerWhenItAnswersWithoutADataSet() {
        assertThatThrownBy(() -> StowResponse.check(STUDIES, 415, "<html><body>\n  Unsupported media type\n</body></html>", SENT))
                .hasMessage("POST http://pacs/dicom-web/studies: HTTP 415: <html><body> Unsupported media type </body></html>");
        assertThatThrownBy(() -> StowResponse.check(STUDIES, 409, "", SENT))
                .hasMessage("POST http://pacs/dicom-web/studies: HTTP 409 without the data set saying which instances failed");
    }
}
