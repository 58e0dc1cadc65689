package org.mvdcn.serve;

import ai.djl.Device;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import org.mvdcn.UsageException;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.serve.receive.ReceiveLimits;

/**
 * How the node runs.
 *
 * @param port the DICOM port (0: any free port, for tests); negative: no DICOM listener
 * @param destination {@code AE@HOST:PORT} of the C-STORE SCP results go to, or null
 * @param dicomWeb the DICOMweb base URL to poll and store to, or null
 * @param dicomWebSince the oldest StudyDate the DICOMweb poll retrieves (so a new node does not pull the archive)
 * @param allowedCallers calling AE titles admitted; empty admits all
 * @param crops crop sets per study, null: as predict chooses
 * @param device where the model runs
 * @param receiveLimits how long an association may stay silent and how many may be open at once
 */
public record NodeConfig(Path weights, PreprocessingOverrides overrides, String aeTitle, int port, Path data, Duration quiet,
        String destination, URI dicomWeb, LocalDate dicomWebSince, Duration pollInterval, Set<String> allowedCallers,
        Integer crops, long seed, Device device, ReceiveLimits receiveLimits) {

    public NodeConfig {
        if (aeTitle.isBlank() || aeTitle.length() > 16) {
            throw new UsageException("--ae '" + aeTitle + "': an AE title is 1 to 16 characters");
        }
        if (port > 65535) {
            throw new UsageException("--port " + port + ": not a TCP port");
        }
        if (quiet.isNegative()) {
            throw new UsageException("--quiet-seconds must not be negative");
        }
        if (pollInterval.isZero() || pollInterval.isNegative()) {
            throw new UsageException("--poll-seconds must be positive");
        }
        if (crops != null && crops < 1) {
            throw new UsageException("--crops must be at least 1, got " + crops);
        }
        allowedCallers = Set.copyOf(allowedCallers);
        for (String ae : allowedCallers) {
            if (ae.isBlank() || ae.length() > 16) {
                throw new UsageException("--allow-ae '" + ae + "': an AE title is 1 to 16 characters");
            }
        }
    }
}
