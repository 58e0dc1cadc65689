package org.mvdcn.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.mvdcn.UsageException;
import org.mvdcn.serve.DicomNode;
import org.mvdcn.serve.NodeConfig;
import org.mvdcn.serve.receive.ReceiveLimits;
import org.mvdcn.serve.web.WebConfig;
import org.mvdcn.serve.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code mvdcn serve}: a DICOM node that scores screening studies as they arrive and sends the results back. */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Run as a DICOM node beside the PACS: receive MG studies (C-STORE, or a DICOMweb poll), compute each one "
                + "once no image of it arrived for --quiet-seconds, and send a Mammography CAD SR and a saliency Secondary "
                + "Capture (not for diagnostic use) back into the study.",
                "Jobs live in DATA/jobs.db: after a crash a restart finishes every unfinished study once and never redoes a "
                        + "done one. Stop with Ctrl-C or SIGTERM."})
public final class ServeCommand extends EngineCommand {

    @Option(names = "--weights", required = true, paramLabel = "FILE", description = "The model's weights (safetensors or torch.save).")
    Path weights;

    @Option(names = "--ae", defaultValue = "MVDCN", paramLabel = "AE", description = "The node's AE title (called AE title it answers to).")
    String ae;

    @Option(names = "--port", defaultValue = "11112", paramLabel = "PORT",
            description = "DICOM port (C-STORE, C-ECHO); 0 picks a free one; -1: no DICOM listener (DICOMweb only).")
    int port;

    @Option(names = "--data", defaultValue = "out/serve", paramLabel = "DIR",
            description = "Data folder: job store, received images, results.")
    Path data;

    @Option(names = "--quiet-seconds", defaultValue = "10", paramLabel = "S",
            description = "A study is computed once no image of it arrived for this long.")
    double quietSeconds;

    @Option(names = "--destination", paramLabel = "AE@HOST:PORT", description = "C-STORE SCP (the PACS) the results are sent to.")
    String destination;

    @Option(names = "--dicomweb", paramLabel = "URL",
            description = "DICOMweb base URL (e.g. http://pacs:8042/dicom-web): poll QIDO-RS for new MG studies, retrieve them by "
                    + "WADO-RS, store the results by STOW-RS.")
    URI dicomWeb;

    @Option(names = "--dicomweb-since", paramLabel = "YYYY-MM-DD",
            description = "Oldest StudyDate the DICOMweb poll retrieves (default: the day the node starts).")
    String dicomWebSince;

    @Option(names = "--poll-seconds", defaultValue = "30", paramLabel = "S", description = "How often to poll DICOMweb.")
    double pollSeconds;

    @Option(names = "--allow-ae", split = ",", paramLabel = "AE", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
            description = "Accept associations only from these calling AE titles (default: any).")
    List<String> allowAe = List.of();

    @Option(names = "--idle-seconds", defaultValue = "60", paramLabel = "S",
            description = "Cut off an association that sends nothing for this long (a stalled sender holds a thread and a file).")
    double idleSeconds;

    @Option(names = "--max-associations", defaultValue = "32", paramLabel = "N",
            description = "Associations open at once; callers beyond are told to try again later (PS3.8 local limit exceeded).")
    int maxAssociations;

    @Mixin
    ExamCropOptions cropOptions;

    @Option(names = "--http", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the web page and the JSON API (0 picks a free one, -1: none).")
    int http;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address the web page and API listen on (0.0.0.0: every interface; put TLS in front then).")
    String bind;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "The access token of the web page and the API; made (and printed once) when absent. Default: DATA/token.")
    Path tokenFile;

    @Option(names = "--show-patient", description = "Let the API and the pages show the patient's name and ID (off: UIDs and accession only).")
    boolean showPatient;

    @Mixin
    PreprocessingOptions preprocessing;

    @Override
    int run(PrintWriter console, PrintWriter err) throws Exception {
        Consumer<String> log = line -> {
            err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
            err.flush();
        };
        NodeConfig config = new NodeConfig(weights, preprocessing.overrides(), ae, port, data, seconds("--quiet-seconds", quietSeconds),
                destination, dicomWeb, since(), seconds("--poll-seconds", pollSeconds), new LinkedHashSet<>(allowAe), cropOptions.crops, cropOptions.seed,
                engine.device(), new ReceiveLimits(seconds("--idle-seconds", idleSeconds), maxAssociations));
        CountDownLatch stop = new CountDownLatch(1);
        // SIGTERM (a service manager) and SIGINT end the node cleanly with status 0; sun.misc.Signal is
        // the JDK's only way to catch them without the JVM's own exit status 143/130
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.countDown());
        }
        try (DicomNode node = DicomNode.start(config, Clock.systemUTC(), log);
                AutoCloseable web = http < 0 ? () -> { } : WebServer.start(node, new WebConfig(bind, http,
                        tokenFile != null ? tokenFile : data.resolve("token"), showPatient), log)) {
            log.accept("ready; data in " + data.toAbsolutePath());
            stop.await();
            log.accept("stopping: the study being computed finishes first");
        }
        return 0;
    }

    private LocalDate since() {
        if (dicomWebSince == null) {
            return LocalDate.now();
        }
        try {
            return LocalDate.parse(dicomWebSince);
        } catch (DateTimeParseException e) {
            throw new UsageException("--dicomweb-since '" + dicomWebSince + "': expected YYYY-MM-DD");
        }
    }

    private static Duration seconds(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UsageException(option + " must be a non-negative number of seconds, got " + value);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
