package org.mvdcn.serve.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.serve.jobs.StudyState;

/** The API over real HTTP, on a node that computed a real study. */
class WebServerTest {

    private static final String STUDY = "1.2.826.0.1.3680043.10.1147.30";
    private static final String FAILED = "1.2.826.0.1.3680043.10.1147.31";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RunningNode running;

    @BeforeAll
    static void computeAStudy() throws Exception {
        running = RunningNode.start(dir, false);
        running.store(TestDicom.sampleExam(dir.resolve("study"), s -> s.study(STUDY, "PATIENT-ID-W", "ACC-W")));
        var three = TestDicom.sampleExam(dir.resolve("three"), s -> s.study(FAILED, "PATIENT-ID-X", "ACC-X")).subList(0, 3);
        running.store(three);
        assertThat(running.awaitFinished(STUDY, Duration.ofMinutes(3)).state()).isEqualTo(StudyState.DONE);
        assertThat(running.awaitFinished(FAILED, Duration.ofMinutes(3)).state()).isEqualTo(StudyState.FAILED);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void everythingButHealthNeedsTheToken() throws Exception {
        for (WebServer.Route r : WebServer.routes()) {
            String path = r.path().replace("{uid}", STUDY).replace("{name}", r.path().startsWith("/assets") ? "app.js" : "L-CC.png");
            HttpResponse<String> none = r.method().name().equals("POST") ? running.post(path, null) : running.get(path, null);
            HttpResponse<String> wrong = r.method().name().equals("POST") ? running.post(path, "x".repeat(43)) : running.get(path, "x".repeat(43));
            if (r.open()) {
                assertThat(none.statusCode()).as(path).isEqualTo(200);
            } else {
                assertThat(none.statusCode()).as(path + " without a token").isEqualTo(401);
                assertThat(wrong.statusCode()).as(path + " with a wrong token").isEqualTo(401);
                assertThat(none.body()).contains("missing access token");
                assertThat(wrong.body()).contains("wrong access token");
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"mvdcn\"");
            }
        }
        assertThat(running.get("/api/studies", running.token).statusCode()).isEqualTo(200);
    }

    @Test
    void everyAccessAndEveryStudyEventIsInTheAuditTrailWithoutThePatient() throws Exception {
        assertThat(running.get("/api/studies/" + STUDY, running.token).statusCode()).isEqualTo(200);
        assertThat(running.get("/api/studies", null).statusCode()).isEqualTo(401);
        assertThat(running.get("/api/studies?token=" + running.token, null).statusCode()).isEqualTo(401);
        java.nio.file.Path trail = running.node.audit().fileFor(java.time.Instant.now());
        assertThat(running.post("/api/studies/" + FAILED + "/reprocess", running.token).statusCode()).isIn(202, 409);
        running.awaitFinished(FAILED, Duration.ofMinutes(1));
        String id = AccessToken.load(dir.resolve("token"), l -> { }).id();
        java.util.List<JsonNode> lines = new java.util.ArrayList<>();
        for (String l : java.nio.file.Files.readAllLines(trail)) {
            lines.add(JSON.readTree(l));
            assertThat(l).doesNotContain("PATIENT-ID-W").doesNotContain("PATIENT-ID-X").doesNotContain(running.token);
        }
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.path("action").asText()).isEqualTo("GET /api/studies/" + STUDY);
            assertThat(l.path("token").asText()).isEqualTo("bearer " + id);
            assertThat(l.path("study").asText()).isEqualTo(STUDY);
            assertThat(l.path("outcome").asText()).isEqualTo("200");
            assertThat(l.path("remote").asText()).isEqualTo("127.0.0.1");
        });
        assertThat(lines).anySatisfy(l -> assertThat(List.of(l.path("action").asText(), l.path("token").asText(), l.path("outcome").asText()))
                .containsExactly("GET /api/studies", "missing", "401"));
        assertThat(lines).anySatisfy(l -> assertThat(List.of(l.path("token").asText(), l.path("outcome").asText()))
                .containsExactly("token in the address", "401"));
        assertThat(lines.stream().filter(l -> l.path("action").asText().equals("received") && l.path("study").asText().equals(STUDY)))
                .hasSize(4).allSatisfy(l -> assertThat(l.path("remote").asText()).isEqualTo("MODALITY@127.0.0.1"));
        assertThat(lines).anySatisfy(l -> assertThat(List.of(l.path("study").asText(), l.path("action").asText(), l.path("outcome").asText()))
                .containsExactly(STUDY, "computed", "done"));
        assertThat(lines).anySatisfy(l -> assertThat(List.of(l.path("study").asText(), l.path("action").asText(), l.path("outcome").asText()))
                .containsExactly(FAILED, "computed", "failed"));
        assertThat(lines).anySatisfy(l -> assertThat(List.of(l.path("study").asText(), l.path("action").asText()))
                .containsExactly(FAILED, "reprocess"));
    }

    @Test
    void everyRefusalIsLoggedWithItsReason() throws Exception {
        int before = running.log.size();
        assertThat(running.get("/api/studies", null).statusCode()).isEqualTo(401);
        assertThat(running.log.subList(before, running.log.size()))
                .anyMatch(l -> l.startsWith("web: refused GET /api/studies from 127.0.0.1: missing access token"));
    }

    @Test
    void aTokenInTheAddressOfAnythingButAPageIsRefusedEvenWhenRight() throws Exception {
        for (WebServer.Route r : WebServer.routes()) {
            if (r.open() || r.path().equals("/") || r.path().equals("/study")) {
                continue;
            }
            String path = r.path().replace("{uid}", STUDY).replace("{name}", r.path().startsWith("/assets") ? "app.js" : "L-CC.png")
                    + "?token=" + running.token;
            HttpResponse<String> answer = r.method().name().equals("POST") ? running.post(path, null) : running.get(path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.body()).contains("access token in the address");
            assertThat(answer.headers().firstValue("Set-Cookie")).as("no cookie for " + path).isEmpty();
        }
    }

    @Test
    void dotDotInEveryPathParameterServesNothingTheNodeDidNotMake() throws Exception {
        java.util.List<String> hostile = java.util.List.of("..", "%2e%2e", "%2E%2E", "..%2F..%2Fjobs.db", "%2e%2e%2f%2e%2e%2ftoken",
                "..%5C..%5Cjobs.db", "....//....//jobs.db", "%252e%252e%252fjobs.db", "1.2.3%00.png", "%00");
        String token = running.token;
        for (WebServer.Route r : WebServer.routes()) {
            if (!r.path().contains("{")) {
                continue;
            }
            for (String bad : hostile) {
                java.util.List<String> paths = new java.util.ArrayList<>(java.util.List.of(r.path().replace("{uid}", bad).replace("{name}", "L-CC.png")));
                if (r.path().contains("{name}")) {
                    paths.add(r.path().replace("{uid}", STUDY).replace("{name}", bad));
                }
                for (String path : paths) {
                    HttpResponse<String> answer = r.method().name().equals("POST") ? running.post(path, token) : running.get(path, token);
                    assertThat(answer.statusCode()).as(r.method() + " " + path + ": " + answer.body()).isIn(400, 404);
                    assertThat(answer.body()).as(path).doesNotContain(token).doesNotContain("SQLite format").doesNotContain("mvdcn_token");
                }
            }
        }
        assertThat(running.get("/api/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aReprocessStormQueuesTheStudyAndTheNodeStaysUp() throws Exception {
        int requests = 200;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(pool.submit(() -> running.post("/api/studies/" + FAILED + "/reprocess", running.token).statusCode()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        java.util.Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
        for (var f : answers) {
            byStatus.merge(f.get(), 1, Integer::sum);
        }
        // one request queues it; the rest find it queued or running (or, if it finished meanwhile, queue it once more)
        assertThat(byStatus.keySet()).as("%s", byStatus).containsOnly(202, 409).contains(202);
        assertThat(running.awaitFinished(FAILED, Duration.ofMinutes(3)).state()).isEqualTo(StudyState.FAILED);
        assertThat(running.get("/api/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserOpeningTheTokenLinkGetsACookieAndAnAddressWithoutTheToken() throws Exception {
        HttpResponse<String> r = running.get("/study?uid=" + STUDY + "&token=" + running.token, null);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/study?uid=" + STUDY);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("mvdcn_token=" + running.token).contains("HttpOnly").contains("SameSite=Strict");
    }

    @Test
    void theListIsNewestFirstWithTheProbabilitiesAndNoPatient() throws Exception {
        HttpResponse<String> r = running.get("/api/studies", running.token);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode studies = JSON.readTree(r.body()).path("studies");
        assertThat(studies.size()).isEqualTo(2);
        assertThat(studies.get(0).path("studyInstanceUid").asText()).isEqualTo(FAILED);
        JsonNode done = studies.get(1);
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.path("accession").asText()).isEqualTo("ACC-W");
        double[] p = running.node.jobs().get(STUDY).orElseThrow().probabilities();
        for (int k = 0; k < 3; k++) {
            assertThat(done.path("probabilities").path("BI-RADS " + k).asDouble()).isEqualTo(p[k]);
        }
        assertThat(done.path("entropy").asDouble()).isPositive();
        assertThat(studies.get(0).path("reason").asText()).startsWith("no usable DICOM image of view").doesNotContain(dir.toString());
        assertThat(studies.get(0).path("probabilities").isNull()).isTrue();
        assertThat(r.body()).doesNotContain("PATIENT-ID");
        assertThat(JSON.readTree(running.get("/api/studies?offset=1&limit=1", running.token).body()).path("studies").get(0)
                .path("studyInstanceUid").asText()).isEqualTo(STUDY);
        HttpResponse<String> bad = running.get("/api/studies?limit=0", running.token);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("limit must be an integer from 1 to 500");
    }

    @Test
    void aStudyHasItsFourViewsWhosePicturesDecode() throws Exception {
        JsonNode study = JSON.readTree(running.get("/api/studies/" + STUDY, running.token).body());
        assertThat(study.path("setAside").isArray()).isTrue();
        assertThat(study.has("patient")).isFalse();
        for (String view : new String[] {"L-CC", "R-CC", "L-MLO", "R-MLO"}) {
            for (String kind : new String[] {"image", "saliency"}) {
                String url = study.path("views").path(view).path(kind).asText();
                HttpResponse<byte[]> png = running.getBytes(url);
                assertThat(png.statusCode()).as(url).isEqualTo(200);
                assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
                assertThat(image.getWidth()).as(url).isBetween(500, 700);
            }
        }
        assertThat(running.get("/api/studies/9.9.9", running.token).statusCode()).isEqualTo(404);
        assertThat(running.getBytes("/api/studies/" + STUDY + "/images/..%2Fcad-sr.dcm").statusCode()).isEqualTo(404);
    }

    @Test
    void reprocessingQueuesAFinishedStudyOnce() throws Exception {
        assertThat(running.post("/api/studies/" + FAILED + "/reprocess", running.token).statusCode()).isEqualTo(202);
        HttpResponse<String> again = running.post("/api/studies/" + FAILED + "/reprocess", running.token);
        assertThat(again.statusCode()).isIn(202, 409); // 202 only if the worker already failed it again
        assertThat(running.awaitFinished(FAILED, Duration.ofMinutes(1)).state()).isEqualTo(StudyState.FAILED);
    }

    @Test
    void metricsCountTheStudiesInPrometheusText() throws Exception {
        HttpResponse<String> r = running.get("/metrics", running.token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(r.body()).contains("mvdcn_studies_total{outcome=\"done\"} 1.0").contains("mvdcn_queue_length ")
                .contains("mvdcn_study_seconds_bucket{le=\"+Inf\"} 1").contains("# TYPE mvdcn_study_seconds histogram")
                .contains("mvdcn_loop_passes_total{loop=\"compute\"}");
    }

    @Test
    void healthCountsThePassesOfTheLoopsTheNodeRuns() throws Exception {
        long before = passes().path("compute").asLong();
        Instant end = Instant.now().plus(Duration.ofMinutes(1));
        while (passes().path("compute").asLong() <= before) {
            assertThat(Instant.now()).as("a compute pass completed within a minute").isBefore(end);
            Thread.sleep(50);
        }
        assertThat(passes().path("send").asLong()).as("send passes, with no destination").isZero();
        assertThat(passes().path("poll").asLong()).as("polls, with no DICOMweb server").isZero();
    }

    private static JsonNode passes() throws Exception {
        return JSON.readTree(running.get("/api/health", null).body()).path("passes");
    }

    @Test
    void theOpenApiDocumentValidatesAndDescribesEveryRoute() throws Exception {
        HttpResponse<String> r = running.get("/openapi.json", running.token);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body(), null, null);
        assertThat(parsed.getMessages()).isEmpty();
        Set<String> documented = new TreeSet<>();
        parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> documented.add(method.name() + " " + path)));
        Set<String> served = WebServer.routes().stream().map(x -> x.method().name().toUpperCase(Locale.ROOT) + " " + x.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(served);
        assertThat(parsed.getOpenAPI().getPaths().get("/api/health").getGet().getSecurity()).isEmpty();
    }

    @Test
    void thePatientIsShownOnlyWhenTheNodeAllowsIt() throws Exception {
        var job = running.node.jobs().get(STUDY).orElseThrow();
        var results = running.node.folders().results(STUDY, running.node.model());
        JsonNode shown = StudyJson.detail(job, results, running.node.studyFolder(STUDY), true);
        assertThat(shown.path("patient").path("id").asText()).isEqualTo("PATIENT-ID-W");
        assertThat(StudyJson.detail(job, results, running.node.studyFolder(STUDY), false).has("patient")).isFalse();
    }
}
