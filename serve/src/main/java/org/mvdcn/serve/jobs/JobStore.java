package org.mvdcn.serve.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mvdcn.ood.OodCheck;
import org.mvdcn.predict.Prediction;

/**
 * The node's memory of studies and their jobs, in SQLite (one file in the data folder, WAL
 * journal, synchronous commits): every state change is one committed transaction, so after a
 * crash or kill -9 the store says exactly which studies were received, which finished, and which
 * were cut off mid-run (those go back to the queue; their result files are deterministic and
 * written atomically, so running them again yields the same objects, never a second one).
 *
 * <p>A row is (study, model): the same study under other weights is another job.
 */
public final class JobStore implements AutoCloseable {

    private static final String COLUMNS = "study_uid, model, state, reason, images, accession, first_received, last_received, "
            + "started, finished, p0, p1, p2, entropy, temperature, ood_distance, ood_threshold, seconds, notes, send_state, send_attempts, send_error, next_send, not_assessed";

    /** Writes, one transaction at a time under this object's lock. */
    private final Connection db;
    /**
     * Reads for the API, the metrics and the loops, under their own lock: with the WAL journal
     * they run beside a write instead of queueing behind every received image's synced commit
     * (20 studies arriving at once held the web page's list for up to 0.8 s on one connection).
     */
    private final Connection reads;
    private final Object readLock = new Object();
    private final String model;

    private JobStore(Connection db, Connection reads, String model) {
        this.db = db;
        this.reads = reads;
        this.model = model;
    }

    /** Opens (creating if needed) the store in {@code file}, for the jobs of {@code model}. */
    public static JobStore open(Path file, String model) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("CREATE TABLE IF NOT EXISTS studies (study_uid TEXT NOT NULL, model TEXT NOT NULL, state TEXT NOT NULL, "
                        + "reason TEXT, images INTEGER NOT NULL, accession TEXT, first_received INTEGER NOT NULL, "
                        + "last_received INTEGER NOT NULL, started INTEGER, finished INTEGER, p0 REAL, p1 REAL, p2 REAL, "
                        + "entropy REAL, temperature REAL, ood_distance REAL, ood_threshold REAL, seconds REAL, notes TEXT, send_state TEXT NOT NULL, send_attempts INTEGER NOT NULL, send_error TEXT, "
                        + "next_send INTEGER, not_assessed TEXT, PRIMARY KEY (study_uid, model))");
                addColumnIfMissing(s, "not_assessed", "TEXT");
            }
            Connection reads = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = reads.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
            }
            return new JobStore(db, reads, model);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the job store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * An image of {@code studyUid} arrived. A new study starts RECEIVED; a RECEIVED one restarts
     * its quiet period; a FAILED one is received again (the missing view may just have come). A
     * study already queued, running or done keeps its state: the image is counted and the
     * returned state says so, for the caller to report.
     */
    public synchronized StudyState recordImage(String studyUid, String accession, Instant now) {
        return inTransaction(() -> {
            Optional<StudyJob> job = find(db, studyUid);
            if (job.isEmpty()) {
                update("INSERT INTO studies (study_uid, model, state, images, accession, first_received, last_received, send_state, "
                        + "send_attempts) VALUES (?, ?, ?, 1, ?, ?, ?, ?, 0)", studyUid, model, StudyState.RECEIVED.label(), accession,
                        now.toEpochMilli(), now.toEpochMilli(), SendState.NONE.label());
                return StudyState.RECEIVED;
            }
            StudyState state = job.get().state();
            if (state == StudyState.RECEIVED || state == StudyState.FAILED) {
                update("UPDATE studies SET state = ?, reason = NULL, images = images + 1, last_received = ? "
                        + "WHERE study_uid = ? AND model = ?", StudyState.RECEIVED.label(), now.toEpochMilli(), studyUid, model);
                return StudyState.RECEIVED;
            }
            update("UPDATE studies SET images = images + 1 WHERE study_uid = ? AND model = ?", studyUid, model);
            return state;
        });
    }

    /** Queues every received study whose last image came at or before {@code quietSince}; returns their UIDs. */
    public synchronized List<String> queueQuiet(Instant quietSince) {
        return inTransaction(() -> {
            List<String> uids = uids("SELECT study_uid FROM studies WHERE model = ? AND state = ? AND last_received <= ? "
                    + "ORDER BY last_received", model, StudyState.RECEIVED.label(), quietSince.toEpochMilli());
            for (String uid : uids) {
                update("UPDATE studies SET state = ? WHERE study_uid = ? AND model = ?", StudyState.QUEUED.label(), uid, model);
            }
            return uids;
        });
    }

    /** Takes the longest-waiting queued study and marks it running; empty when none waits. */
    public synchronized Optional<StudyJob> claimNext(Instant now) {
        return inTransaction(() -> {
            List<String> next = uids("SELECT study_uid FROM studies WHERE model = ? AND state = ? ORDER BY last_received, study_uid LIMIT 1",
                    model, StudyState.QUEUED.label());
            if (next.isEmpty()) {
                return Optional.empty();
            }
            update("UPDATE studies SET state = ?, started = ?, finished = NULL WHERE study_uid = ? AND model = ?",
                    StudyState.RUNNING.label(), now.toEpochMilli(), next.get(0), model);
            return find(db, next.get(0));
        });
    }

    /**
     * The study's result files are written: it is done, and its objects wait to be sent when
     * {@code send} is PENDING. {@code notes}: what reading the study set aside or chose.
     */
    public synchronized void finish(String studyUid, Prediction p, double seconds, List<String> notes, Instant now, SendState send) {
        double[] probabilities = p.probabilities();
        inTransaction(() -> update("UPDATE studies SET state = ?, reason = NULL, finished = ?, p0 = ?, p1 = ?, p2 = ?, "
                + "entropy = ?, temperature = ?, ood_distance = ?, ood_threshold = ?, seconds = ?, notes = ?, send_state = ?, "
                + "send_attempts = 0, send_error = NULL, next_send = ?, not_assessed = ? WHERE study_uid = ? AND model = ?",
                StudyState.DONE.label(), now.toEpochMilli(), probabilities[0], probabilities[1], probabilities[2], p.entropy(),
                p.temperature().isPresent() ? p.temperature().getAsDouble() : null, p.ood() == null ? null : p.ood().distance(),
                p.ood() == null ? null : p.ood().threshold(), seconds, String.join("\n", notes), send.label(), now.toEpochMilli(),
                p.assessed() ? null : String.join("\n", p.notAssessedBecause()), studyUid, model));
    }

    /** Stores made before a column existed get it (SQLite adds a column in place; old rows read NULL). */
    private static void addColumnIfMissing(Statement s, String column, String type) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pragma_table_info('studies') WHERE name = '" + column + "'")) {
            if (r.next() && r.getInt(1) == 0) {
                s.execute("ALTER TABLE studies ADD COLUMN " + column + " " + type);
            }
        }
    }

    /**
     * Queues a finished study again (a user asked for it); its results are replaced and sent again
     * under the same UIDs. False when the study is unknown or not finished (received, queued or running).
     */
    public synchronized boolean requeue(String studyUid) {
        return inTransaction(() -> update("UPDATE studies SET state = ?, reason = NULL, started = NULL "
                + "WHERE study_uid = ? AND model = ? AND state IN (?, ?)", StudyState.QUEUED.label(), studyUid, model,
                StudyState.DONE.label(), StudyState.FAILED.label()) == 1);
    }

    /** How many of this model's studies are in {@code state}. */
    public int count(StudyState state) {
        return count(reads, "SELECT COUNT(*) FROM studies WHERE model = ? AND state = ?", model, state.label());
    }

    /** How many of this model's finished studies have results waiting to be sent. */
    public int unsent() {
        return count(reads, "SELECT COUNT(*) FROM studies WHERE model = ? AND state = ? AND send_state IN (?, ?)",
                model, StudyState.DONE.label(), SendState.PENDING.label(), SendState.RETRYING.label());
    }

    public synchronized void fail(String studyUid, String reason, Instant now) {
        inTransaction(() -> update("UPDATE studies SET state = ?, reason = ?, finished = ? WHERE study_uid = ? AND model = ?",
                StudyState.FAILED.label(), reason, now.toEpochMilli(), studyUid, model));
    }

    /**
     * After a crash: the studies that were running go back to the queue (their partial outputs,
     * if any, are overwritten atomically by the rerun). Returns their UIDs.
     */
    public synchronized List<String> requeueInterrupted() {
        return inTransaction(() -> {
            List<String> uids = uids("SELECT study_uid FROM studies WHERE model = ? AND state = ?", model, StudyState.RUNNING.label());
            update("UPDATE studies SET state = ?, started = NULL WHERE model = ? AND state = ?", StudyState.QUEUED.label(), model,
                    StudyState.RUNNING.label());
            return uids;
        });
    }

    /** Done studies whose objects are due to be sent (pending, or retrying and past their back-off). */
    public List<StudyJob> dueForSending(Instant now) {
        return query(reads, "SELECT " + COLUMNS + " FROM studies WHERE model = ? AND state = ? AND send_state IN (?, ?) "
                + "AND next_send <= ? ORDER BY finished", model, StudyState.DONE.label(), SendState.PENDING.label(),
                SendState.RETRYING.label(), now.toEpochMilli());
    }

    public synchronized void markSent(String studyUid) {
        inTransaction(() -> update("UPDATE studies SET send_state = ?, send_error = NULL, send_attempts = send_attempts + 1 "
                + "WHERE study_uid = ? AND model = ?", SendState.SENT.label(), studyUid, model));
    }

    public synchronized void markSendFailed(String studyUid, String error, Instant nextAttempt) {
        inTransaction(() -> update("UPDATE studies SET send_state = ?, send_error = ?, send_attempts = send_attempts + 1, "
                + "next_send = ? WHERE study_uid = ? AND model = ?", SendState.RETRYING.label(), error, nextAttempt.toEpochMilli(),
                studyUid, model));
    }

    public Optional<StudyJob> get(String studyUid) {
        return find(reads, studyUid);
    }

    /** All jobs of this model, newest first (by first image received). */
    public List<StudyJob> list(int offset, int limit) {
        return query(reads, "SELECT " + COLUMNS + " FROM studies WHERE model = ? ORDER BY first_received DESC, study_uid LIMIT ? OFFSET ?",
                model, limit, offset);
    }

    @Override
    public synchronized void close() {
        try {
            synchronized (readLock) {
                reads.close();
            }
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the job store: " + e.getMessage(), e);
        }
    }

    private Optional<StudyJob> find(Connection c, String studyUid) {
        List<StudyJob> jobs = query(c, "SELECT " + COLUMNS + " FROM studies WHERE study_uid = ? AND model = ?", studyUid, model);
        return jobs.stream().findFirst();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try {
            db.setAutoCommit(false);
            try {
                T result = work.run();
                db.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("job store: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepared(db, sql, args)) {
            return s.executeUpdate();
        }
    }

    private List<String> uids(String sql, Object... args) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = prepared(db, sql, args); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    /** A query on {@code c}: the writer's own (within a transaction) or the readers' (under their lock). */
    private List<StudyJob> query(Connection c, String sql, Object... args) {
        if (c == reads) {
            synchronized (readLock) {
                return run(c, sql, args);
            }
        }
        return run(c, sql, args);
    }

    private List<StudyJob> run(Connection c, String sql, Object... args) {
        try (PreparedStatement s = prepared(c, sql, args); ResultSet r = s.executeQuery()) {
            List<StudyJob> out = new ArrayList<>();
            while (r.next()) {
                out.add(job(r));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("job store: " + e.getMessage(), e);
        }
    }

    private int count(Connection c, String sql, Object... args) {
        synchronized (readLock) {
            try (PreparedStatement s = prepared(c, sql, args); ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            } catch (SQLException e) {
                throw new IllegalStateException("job store: " + e.getMessage(), e);
            }
        }
    }

    private PreparedStatement prepared(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                s.setNull(i + 1, Types.VARCHAR);
            } else {
                s.setObject(i + 1, args[i]);
            }
        }
        return s;
    }

    private static StudyJob job(ResultSet r) throws SQLException {
        double[] p = r.getObject("p0") == null ? null : new double[] {r.getDouble("p0"), r.getDouble("p1"), r.getDouble("p2")};
        return new StudyJob(r.getString("study_uid"), r.getString("model"), StudyState.of(r.getString("state")),
                r.getString("reason"), r.getInt("images"), r.getString("accession"), instant(r, "first_received"),
                instant(r, "last_received"), instant(r, "started"), instant(r, "finished"), p,
                p == null ? Double.NaN : r.getDouble("entropy"), (Double) r.getObject("temperature"), ood(r),
                p == null ? Double.NaN : r.getDouble("seconds"),
                r.getString("notes") == null || r.getString("notes").isEmpty() ? List.of() : List.of(r.getString("notes").split("\n")),
                SendState.of(r.getString("send_state")), r.getInt("send_attempts"), r.getString("send_error"),
                instant(r, "next_send"), r.getString("not_assessed") == null ? List.of() : List.of(r.getString("not_assessed").split("\n")));
    }

    private static OodCheck ood(ResultSet r) throws SQLException {
        if (r.getObject("ood_distance") == null) {
            return null;
        }
        double distance = r.getDouble("ood_distance");
        double threshold = r.getDouble("ood_threshold");
        return new OodCheck(distance, threshold, distance > threshold, null);
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        long ms = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(ms);
    }
}
