package org.mvdcn.dicom.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A DICOMweb (PS3.18) client for one server: lists studies (QIDO-RS), fetches a study's instances
 * as files (WADO-RS) and stores files (STOW-RS). Failures are IOExceptions naming the URL, the HTTP
 * status and the server's own text.
 */
public final class DicomWebClient {

    private static final String DICOM_JSON = "application/dicom+json";
    private static final String MULTIPART_DICOM = "multipart/related; type=\"application/dicom\"";
    // until the answer starts (a STOW upload included): a PACS may read a whole study from slow storage first
    private static final Duration ANSWER_WITHIN = Duration.ofMinutes(2);
    private static final String STUDY_INSTANCE_UID = "0020000D";
    private static final String ACCESSION_NUMBER = "00080050";
    private static final String STUDY_DATE = "00080020";

    private final String base;
    private final HttpClient http;

    /** The server's DICOMweb root: what logs and the audit trail name it by. */
    @Override
    public String toString() {
        return base;
    }

    /** @param base the server's DICOMweb root, e.g. http://pacs:8042/dicom-web */
    public DicomWebClient(URI base) {
        this.base = base.toString().replaceAll("/+$", "");
        // plain-HTTP PACS web servers speak HTTP/1.1; the JDK's h2c upgrade attempt is only noise to them
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * The studies with a series of this modality (e.g. MG) dated {@code since} or later (a QIDO-RS
     * date range, so the server filters, not the client: a poll must not list the archive); none
     * when the server has none.
     */
    public List<StudyRef> studies(String modality, java.time.LocalDate since) throws IOException {
        URI uri = URI.create(base + "/studies?ModalitiesInStudy=" + URLEncoder.encode(modality, StandardCharsets.UTF_8)
                + "&StudyDate=" + since.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "-"
                + "&includefield=StudyDate&includefield=AccessionNumber");
        HttpResponse<String> answer = send(request(uri, DICOM_JSON).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 204 || answer.statusCode() == 200 && answer.body().isBlank()) {
            return List.of();
        }
        if (answer.statusCode() != 200) {
            throw failure("GET", uri, answer.statusCode(), answer.body());
        }
        JsonNode datasets = DicomJson.parse(answer.body());
        if (!datasets.isArray()) {
            throw new IOException("GET " + uri + ": not a DICOM JSON array of studies: " + ServerText.of(answer.body()));
        }
        List<StudyRef> studies = new ArrayList<>();
        for (JsonNode study : datasets) {
            studies.add(new StudyRef(DicomJson.text(study, STUDY_INSTANCE_UID), DicomJson.text(study, ACCESSION_NUMBER),
                    DicomJson.text(study, STUDY_DATE)));
        }
        return studies;
    }

    /**
     * Fetches every instance of the study into {@code folder} as {@code <SOPInstanceUID>.dcm}, each
     * written atomically, and returns the files. On a failure the files already written stay.
     */
    public List<Path> retrieveStudy(String studyInstanceUid, Path folder) throws IOException {
        URI uri = URI.create(base + "/studies/" + URLEncoder.encode(studyInstanceUid, StandardCharsets.UTF_8));
        HttpResponse<InputStream> answer = send(request(uri, MULTIPART_DICOM).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
            if (answer.statusCode() != 200) {
                throw failure("GET", uri, answer.statusCode(), new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            }
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
                throw new IOException("GET " + uri + ": answer of type '" + type + "', not multipart/related");
            }
            Files.createDirectories(folder);
            return MultipartDicomReader.save(body, type, folder, uri);
        }
    }

    /**
     * Stores the files in one request. Throws {@link org.mvdcn.BadInputException} for a file that is
     * not DICOM (before sending anything), and an IOException naming each file the server did not
     * store, with its reason.
     */
    public void store(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        StowRequest stow = StowRequest.of(files);
        URI uri = URI.create(base + "/studies");
        HttpRequest request = request(uri, DICOM_JSON).header("Content-Type", stow.contentType()).POST(stow.body()).build();
        HttpResponse<String> answer = send(request, HttpResponse.BodyHandlers.ofString());
        StowResponse.check(uri, answer.statusCode(), answer.body(), stow.instances());
    }

    private static HttpRequest.Builder request(URI uri, String accept) {
        return HttpRequest.newBuilder(uri).timeout(ANSWER_WITHIN).header("Accept", accept);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(request.method() + " " + request.uri() + ": interrupted");
        } catch (IOException e) {
            throw new IOException(request.method() + " " + request.uri() + ": " + e, e);
        }
    }

    private static IOException failure(String method, URI uri, int status, String body) {
        return new IOException(method + " " + uri + ": HTTP " + status + ": " + ServerText.of(body));
    }
}
