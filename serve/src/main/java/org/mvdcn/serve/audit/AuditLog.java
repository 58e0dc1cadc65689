package org.mvdcn.serve.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The node's audit trail, as radiology IT expects one: every API access and every study received,
 * computed, sent or reprocessed, one JSON object a line (time, remote address, which token, study
 * UID, action, outcome), in one file a day ({@code audit/YYYY-MM-DD.jsonl}, UTC), so rotation is a
 * new name and never a rename under a writer. Each line is appended with one write to a file
 * opened for appending, under this object's lock, so lines never interleave and a crash loses at
 * most the line being written. Patient names and IDs never enter it: only UIDs, AE titles and
 * addresses.
 */
public final class AuditLog {

    /** One audited event; {@code token}, {@code study} and {@code detail} may be null. */
    public record Event(String remote, String token, String study, String action, String outcome, String detail) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VALUE = 1000;

    private final Path folder;
    private final Clock clock;
    private LocalDate day;
    private FileChannel file;

    public AuditLog(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    /** The day's file an event at {@code time} goes to. */
    public Path fileFor(Instant time) {
        return folder.resolve(LocalDate.ofInstant(time, ZoneOffset.UTC) + ".jsonl");
    }

    public synchronized void record(Event e) {
        Instant now = clock.instant();
        ObjectNode line = JSON.createObjectNode().put("time", now.toString());
        putIfPresent(line, "remote", e.remote());
        putIfPresent(line, "token", e.token());
        putIfPresent(line, "study", e.study());
        line.put("action", e.action()).put("outcome", e.outcome());
        putIfPresent(line, "detail", e.detail());
        try {
            channel(now).write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to the audit log " + fileFor(now) + ": " + ex.getMessage(), ex);
        }
    }

    /** JSON escapes whatever a caller sent (no forged lines); a hostile length is cut. */
    private static void putIfPresent(ObjectNode line, String field, String value) {
        if (value != null) {
            line.put(field, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "..." : value);
        }
    }

    private FileChannel channel(Instant now) throws IOException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!today.equals(day)) {
            close();
            Files.createDirectories(folder);
            file = FileChannel.open(fileFor(now), StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            day = today;
        }
        return file;
    }

    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // the lines already written are on disk; nothing more would be
            }
            file = null;
            day = null;
        }
    }
}
