package org.mvdcn.serve.receive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.mvdcn.dicom.web.DicomWebClient;
import org.mvdcn.dicom.web.StudyRef;
import org.mvdcn.serve.jobs.JobStore;

/**
 * Receiving without being sent to: asks a DICOMweb server (QIDO-RS) for MG studies dated on or
 * after a given day, and retrieves (WADO-RS) each one the node has not seen into the inbox, where
 * it waits its quiet period like a study received by C-STORE. A study is retrieved once, when
 * first seen; the day limit keeps a new node from pulling the archive.
 */
public final class DicomWebPoller {

    private static final String SOURCE = "DICOMweb";
    /** The spool folders a retrieval writes into (what a restart takes in if a crash left files there). */
    public static final String FOLDER_PREFIX = "wado-";

    private final DicomWebClient client;
    private final LocalDate since;
    private final JobStore jobs;
    private final StudyInbox inbox;
    private final Path spool;
    private final Consumer<String> log;

    public DicomWebPoller(DicomWebClient client, LocalDate since, JobStore jobs, StudyInbox inbox, Path spool, Consumer<String> log) {
        this.client = client;
        this.since = since;
        this.jobs = jobs;
        this.inbox = inbox;
        this.spool = spool;
        this.log = log;
    }

    /** One poll; returns how many studies were retrieved. */
    public int poll() throws IOException {
        int retrieved = 0;
        for (StudyRef study : client.studies("MG", since)) {
            if (jobs.get(study.studyInstanceUid()).isPresent()) {
                continue;
            }
            Path folder = Files.createTempDirectory(Files.createDirectories(spool), FOLDER_PREFIX);
            try {
                for (Path file : client.retrieveStudy(study.studyInstanceUid(), folder)) {
                    inbox.accept(file, SOURCE, client.toString());
                }
            } finally {
                try (var left = Files.list(folder)) {
                    for (Path p : left.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(folder);
            }
            retrieved++;
        }
        return retrieved;
    }
}
