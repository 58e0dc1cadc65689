package org.mvdcn.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mvdcn.MvdcnVersion;
import org.mvdcn.dicom.results.Algorithm;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.serve.audit.AuditLog;
import org.mvdcn.serve.jobs.JobStore;
import org.mvdcn.serve.jobs.StudyJob;
import org.mvdcn.serve.jobs.StudyState;
import org.mvdcn.serve.process.StudyProcessor;
import org.mvdcn.serve.process.StudyWorker;
import org.mvdcn.dicom.web.DicomWebClient;
import org.mvdcn.serve.receive.DicomReceiver;
import org.mvdcn.serve.receive.DicomWebPoller;
import org.mvdcn.serve.receive.StudyInbox;
import org.mvdcn.serve.send.DimseDestination;
import org.mvdcn.serve.send.ResultDestination;
import org.mvdcn.serve.send.ResultOutbox;
import org.mvdcn.serve.send.StowDestination;

/**
 * mvdcn as a DICOM node beside the PACS: receives images (C-STORE, or a DICOMweb poll), groups
 * them by study, computes a study once no image of it arrived for the quiet period (one study at
 * a time: one exam saturates the CPU), and sends a Mammography CAD SR and a saliency Secondary
 * Capture back into the study. Every step is recorded in the job store first, so a restart after
 * a crash finishes what was unfinished and never redoes what was done.
 */
public final class DicomNode implements NodeView, AutoCloseable {

    private static final long TICK_MS = 250;

    private final NodeConfig config;
    private final NodeFolders folders;
    private final TrainedModel model;
    private final JobStore jobs;
    private final AuditLog audit;
    private final StudyInbox inbox;
    private final StudyWorker worker;
    private final ResultOutbox outbox;
    private final NodeMetrics metrics;
    private final Clock clock;
    private final Consumer<String> log;
    private final ScheduledExecutorService compute = daemonThread("study-compute");
    private final ScheduledExecutorService sending = daemonThread("result-send");
    private final ScheduledExecutorService polling = daemonThread("dicomweb-poll");
    private final List<AutoCloseable> sources = new ArrayList<>();

    private DicomNode(NodeConfig config, TrainedModel model, Clock clock, Consumer<String> log) {
        this.config = config;
        this.folders = new NodeFolders(config.data());
        this.model = model;
        this.clock = clock;
        this.log = log;
        this.jobs = JobStore.open(folders.jobStore(), model.sha256());
        this.audit = new AuditLog(folders.audit(), clock);
        this.inbox = new StudyInbox(folders.incoming(), jobs, clock, log, audit);
        this.outbox = new ResultOutbox(jobs, destinations(config), (study, m) -> folders.results(study, m).objectsToSend(), clock, log,
                audit);
        this.metrics = new NodeMetrics(jobs);
        StudyProcessor processor = new StudyProcessor(model, new Algorithm("mvdcn", model.sha256(), MvdcnVersion.get()), config.crops(),
                config.seed(), clock);
        this.worker = new StudyWorker(jobs, processor, inbox::folder, uid -> folders.results(uid, model.sha256()), outbox.hasDestinations(),
                config.quiet(), metrics, clock, log, audit);
    }

    /** Loads the model, recovers from an earlier run's crash, and starts receiving, computing and sending. */
    public static DicomNode start(NodeConfig config, Clock clock, Consumer<String> log) throws IOException {
        TrainedModel model = TrainedModel.load(config.weights(), null, config.overrides(), config.device(), log);
        DicomNode node;
        try {
            node = new DicomNode(config, model, clock, log);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        try {
            node.recover();
            node.startSources();
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        node.compute.scheduleWithFixedDelay(node.counted(NodeLoop.COMPUTE, node.worker::computeDue), 0, TICK_MS, TimeUnit.MILLISECONDS);
        if (node.outbox.hasDestinations()) {
            node.sending.scheduleWithFixedDelay(node.counted(NodeLoop.SEND, node::sendDue), 0, TICK_MS, TimeUnit.MILLISECONDS);
        }
        return node;
    }

    /** The DICOM port listened on, or -1 without a listener. */
    public int dicomPort() {
        return sources.stream().filter(DicomReceiver.class::isInstance).map(s -> ((DicomReceiver) s).port()).findFirst().orElse(-1);
    }

    /** Associations the DICOM listener is serving now (0 without a listener). */
    public int openAssociations() {
        return sources.stream().filter(DicomReceiver.class::isInstance).mapToInt(s -> ((DicomReceiver) s).openAssociations()).sum();
    }

    public JobStore jobs() {
        return jobs;
    }

    public NodeFolders folders() {
        return folders;
    }

    @Override
    public String model() {
        return model.sha256();
    }

    @Override
    public int count(StudyState state) {
        return jobs.count(state);
    }

    @Override
    public List<StudyJob> studies(int offset, int limit) {
        return jobs.list(offset, limit);
    }

    @Override
    public Optional<StudyJob> study(String studyUid) {
        return jobs.get(studyUid);
    }

    @Override
    public Path studyFolder(String studyUid) {
        return inbox.folder(studyUid);
    }

    @Override
    public ResultFolder results(String studyUid) {
        return folders.results(studyUid, model.sha256());
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public long passes(NodeLoop loop) {
        return metrics.passes(loop);
    }

    @Override
    public String prometheusText() {
        return metrics.scrape();
    }

    @Override
    public boolean reprocess(String studyUid) {
        boolean queued = jobs.requeue(studyUid);
        if (queued) {
            log.accept("study " + studyUid + " queued again on request");
        }
        audit.record(new AuditLog.Event(null, null, studyUid, "reprocess", queued ? "queued" : "refused: not finished", null));
        return queued;
    }

    private void recover() throws IOException {
        for (String uid : jobs.requeueInterrupted()) {
            log.accept("study " + uid + " was cut off while running: queued again");
        }
        inbox.recover();
        if (!Files.isDirectory(folders.spool())) {
            return;
        }
        // a study retrieved by WADO-RS whose files were not all moved in: each file there is whole
        // (the client writes them atomically), and part of the study is already known, so it is
        // not retrieved again: take the rest in now
        try (Stream<Path> retrieved = Files.list(folders.spool())) {
            for (Path dir : retrieved.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith(DicomWebPoller.FOLDER_PREFIX))
                    .toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".dcm")).toList()) {
                        inbox.accept(f, "DICOMweb (recovered)", "the spool");
                    }
                }
            }
        }
        // what is left: objects half-received by C-STORE (their senders got no answer and send them
        // again) and the retrievals' half-written temporary files
        try (Stream<Path> partial = Files.walk(folders.spool())) {
            for (Path p : partial.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(folders.spool())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void startSources() throws IOException {
        if (config.port() >= 0) {
            DicomReceiver receiver = DicomReceiver.start(config.port(), config.aeTitle(), config.allowedCallers(), config.receiveLimits(), folders.spool(),
                    inbox::accept, log, audit);
            sources.add(receiver);
            log.accept("listening for DICOM as " + config.aeTitle() + " on port " + receiver.port()
                    + (config.allowedCallers().isEmpty() ? " (any calling AE)" : " (calling AEs " + config.allowedCallers() + ")"));
        }
        if (config.dicomWeb() != null) {
            DicomWebPoller poller = new DicomWebPoller(new DicomWebClient(config.dicomWeb()), config.dicomWebSince(), jobs, inbox,
                    folders.spool(), log);
            polling.scheduleWithFixedDelay(counted(NodeLoop.POLL, () -> poll(poller)), 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            log.accept("polling " + config.dicomWeb() + " for MG studies dated " + config.dicomWebSince() + " or later, every "
                    + config.pollInterval().toSeconds() + " s");
        }
    }

    /** {@code pass}, counted once it completes (a pass that throws ends its loop, and the count then stops). */
    private Runnable counted(NodeLoop loop, Runnable pass) {
        return () -> {
            pass.run();
            metrics.passed(loop);
        };
    }

    private void poll(DicomWebPoller poller) {
        try {
            poller.poll();
        } catch (Exception e) {
            log.accept("DICOMweb poll failed, trying again in " + config.pollInterval().toSeconds() + " s: " + e.getMessage());
        }
    }

    private static List<ResultDestination> destinations(NodeConfig config) {
        List<ResultDestination> out = new ArrayList<>();
        if (config.destination() != null) {
            out.add(DimseDestination.parse(config.destination(), config.aeTitle()));
        }
        if (config.dicomWeb() != null) {
            out.add(new StowDestination(new DicomWebClient(config.dicomWeb()), config.dicomWeb().toString()));
        }
        return out;
    }

    private void sendDue() {
        try {
            outbox.sendDue();
        } catch (RuntimeException e) {
            log.accept("the send loop failed, retrying: " + e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable source : sources) {
            try {
                source.close();
            } catch (Exception e) {
                log.accept("closing " + source + ": " + e.getMessage());
            }
        }
        polling.shutdown();
        compute.shutdown();
        sending.shutdown();
        try {
            // a running study finishes (or is requeued by the next start if this wait runs out)
            compute.awaitTermination(5, TimeUnit.MINUTES);
            sending.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jobs.close();
        audit.close();
        model.close();
    }

    private static ScheduledExecutorService daemonThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
