package org.mvdcn.serve;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.mvdcn.serve.jobs.JobStore;
import org.mvdcn.serve.jobs.StudyState;

/**
 * What the node has done, for Prometheus: studies finished and failed since it started, how long
 * each took, the passes each loop completed, and (read from the job store when scraped) how many
 * wait in each stage.
 */
public final class NodeMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter studies;
    private final Histogram seconds;
    private final Counter passes;

    public NodeMetrics(JobStore jobs) {
        studies = Counter.builder().name("mvdcn_studies").help("Studies computed since the node started, by outcome")
                .labelNames("outcome").register(registry);
        studies.labelValues("done");
        studies.labelValues("failed");
        seconds = Histogram.builder().name("mvdcn_study_seconds").help("Time to compute a study, from its start to its result files")
                .classicOnly().classicUpperBounds(1, 2, 3, 5, 8, 13, 20, 30, 60, 120, 300).register(registry);
        passes = Counter.builder().name("mvdcn_loop_passes").help("Passes each of the node's loops completed since it started")
                .labelNames("loop").register(registry);
        for (NodeLoop loop : NodeLoop.values()) {
            passes.labelValues(loop.label());
        }
        GaugeWithCallback.builder().name("mvdcn_queue_length").help("Studies waiting for the worker")
                .callback(c -> c.call(jobs.count(StudyState.QUEUED))).register(registry);
        GaugeWithCallback.builder().name("mvdcn_studies_receiving").help("Studies still in their quiet period")
                .callback(c -> c.call(jobs.count(StudyState.RECEIVED))).register(registry);
        GaugeWithCallback.builder().name("mvdcn_studies_running").help("Studies being computed (0 or 1)")
                .callback(c -> c.call(jobs.count(StudyState.RUNNING))).register(registry);
        GaugeWithCallback.builder().name("mvdcn_results_unsent").help("Finished studies whose results wait to be sent (or retried)")
                .callback(c -> c.call(jobs.unsent())).register(registry);
    }

    public void done(double studySeconds) {
        studies.labelValues("done").inc();
        seconds.observe(studySeconds);
    }

    public void failed() {
        studies.labelValues("failed").inc();
    }

    public void passed(NodeLoop loop) {
        passes.labelValues(loop.label()).inc();
    }

    /** Passes {@code loop} completed since the node started. */
    public long passes(NodeLoop loop) {
        return (long) passes.labelValues(loop.label()).get();
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
