package org.mvdcn.spark;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Progress of a scoring, told on the driver as tasks end: exams written so far (a task writes a
 * partition's rows, counted once even if Spark ran it twice), rate and time left, at most every
 * {@code interval} seconds; and each task that failed, with its reason (Spark runs it again, up to spark.task.maxFailures).
 */
final class ScoreProgress extends SparkListener {

    private final int total;
    private final double interval;
    private final Consumer<String> out;
    private final long start = System.nanoTime();
    private final Set<Integer> counted = new HashSet<>();
    private long done;
    private double lastTold = Double.NEGATIVE_INFINITY;

    ScoreProgress(int total, double interval, Consumer<String> out) {
        this.total = total;
        this.interval = interval;
        this.out = out;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        long written = end.taskMetrics() == null ? 0 : end.taskMetrics().outputMetrics().recordsWritten();
        if (!end.taskInfo().successful()) {
            if (!end.taskInfo().killed()) {
                String why = end.reason() instanceof TaskFailedReason failed ? failed.toErrorString() : end.reason().toString();
                out.accept("note: a task failed (Spark runs it again): " + why.lines().findFirst().orElse(""));
            }
            return;
        }
        if (written == 0 || !counted.add(end.taskInfo().index())) {
            return;
        }
        done += written;
        double seconds = (System.nanoTime() - start) / 1e9;
        if (done < total && seconds - lastTold < interval) {
            return;
        }
        lastTold = seconds;
        double rate = done / Math.max(seconds, 1e-9);
        out.accept(String.format("scored %d/%d exams, %.2f exams/s, ETA %.0f s", done, total, rate, (total - done) / rate));
    }
}
