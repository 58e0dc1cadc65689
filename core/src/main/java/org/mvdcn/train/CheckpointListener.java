package org.mvdcn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.mvdcn.io.AtomicFiles;
import org.mvdcn.model.MultiViewNetwork;

/**
 * Writes the checkpoint and {@code metrics.jsonl} after every epoch, and mid-epoch every
 * {@code everySeconds} and when {@code stop} asks the run to end (it then throws {@link
 * TrainingRun.Stopped}), so a long epoch killed at any point loses at most that much work.
 */
final class CheckpointListener implements TrainingListener {

    private final RunFolder run;
    private final MultiViewNetwork network;
    private final AdamOptimizer adam;
    private final double everySeconds;
    private final BooleanSupplier stop;
    private long lastSave = System.nanoTime();

    CheckpointListener(RunFolder run, MultiViewNetwork network, AdamOptimizer adam, double everySeconds, BooleanSupplier stop) {
        this.run = run;
        this.network = network;
        this.adam = adam;
        this.everySeconds = everySeconds;
        this.stop = stop;
    }

    @Override
    public void onBatch(BatchEnd batch) throws IOException {
        boolean stopping = stop.getAsBoolean();
        if (stopping || (System.nanoTime() - lastSave) / 1e9 >= everySeconds && batch.exams() < batch.examsInEpoch()) {
            savePartial(batch);
        }
        if (stopping) {
            throw new TrainingRun.Stopped("stopped in epoch " + batch.epoch() + " after " + batch.exams()
                    + " exams; checkpoint written: continue with --resume " + run.dir());
        }
    }

    /** Saves the run in the middle of an epoch: resumed, the epoch goes on from the next batch. */
    private void savePartial(BatchEnd batch) throws IOException {
        Checkpoint.save(run, network, adam, batch.state().save(adam.steps(), new CheckpointState.PartialEpoch(batch.epoch(),
                batch.batches(), batch.exams(), batch.lossSum(), batch.seconds())));
        lastSave = System.nanoTime();
    }

    @Override
    public void onRecorded(EpochRecord record, TrainingState state) throws IOException {
        Checkpoint.save(run, network, adam, state.save(adam.steps(), null));
        lastSave = System.nanoTime();
        StringBuilder lines = new StringBuilder();
        ObjectMapper json = new ObjectMapper();
        for (EpochRecord r : state.history()) {
            lines.append(json.writeValueAsString(r)).append('\n');
        }
        AtomicFiles.writeString(run.metrics(), lines.toString());
    }
}
