package org.mvdcn.train;

import java.nio.file.Path;
import java.util.Objects;
import org.mvdcn.UsageException;
import org.mvdcn.model.OutputHead;
import org.mvdcn.model.WeightInit;

/**
 * How a model is trained, in the groups a reader looks for; recorded whole in the run's
 * provenance beside its {@link org.mvdcn.preprocess.Preprocessing}. {@link Builder} starts from the
 * paper's recipe (SPEC section 4), the one place the defaults are written: {@link #paper()} and the
 * command line's defaults are its.
 */
public record TrainingOptions(DataOptions data, OptimisationOptions optimisation, RegularisationOptions regularisation,
        InitialisationOptions initialisation, RunOptions run) {

    public TrainingOptions {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(optimisation, "optimisation");
        Objects.requireNonNull(regularisation, "regularisation");
        Objects.requireNonNull(initialisation, "initialisation");
        Objects.requireNonNull(run, "run");
        if (regularisation.batchNorm() && initialisation.from() != null) {
            throw new UsageException("--batch-norm trains normalisation from a fresh start; --from loads weights without it: give one of the two");
        }
        if (regularisation.batchNorm() && initialisation.init().dataDependent()) {
            throw new UsageException("--init " + initialisation.init().label() + " scales the layers on a batch, which --batch-norm does "
                    + "at every step: give one of the two");
        }
    }

    /** The paper's recipe. */
    public static TrainingOptions paper() {
        return builder().build();
    }

    /** Options that are the paper's until set otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options that are these until set otherwise (a study's settings, an extended run). */
    public Builder toBuilder() {
        return builder().fraction(data.fraction()).threads(data.threads()).skipBad(data.skipBad())
                .epochs(optimisation.epochs()).batch(optimisation.batch()).learningRate(optimisation.learningRate())
                .warmupSteps(optimisation.warmupSteps()).schedule(optimisation.schedule()).clipGradNorm(optimisation.clipGradNorm())
                .patience(optimisation.patience())
                .noiseStd(regularisation.noiseStd()).dropout(regularisation.dropout()).batchNorm(regularisation.batchNorm())
                .width(initialisation.width()).head(initialisation.head()).init(initialisation.init()).from(initialisation.from()).freeze(initialisation.freeze())
                .seed(run.seed()).layerStatsEvery(run.layerStatsEvery());
    }

    /** Sets options one by one; each group checks its values in {@link #build()}. */
    public static final class Builder {
        private double fraction = 1;
        private int threads = 1;
        private boolean skipBad;
        private int epochs = 100;
        private int batch = 4;
        private float learningRate = 1e-5f;
        private int warmupSteps;
        private LearningRateSchedule.Decay schedule = LearningRateSchedule.Decay.CONSTANT;
        private double clipGradNorm;
        private int patience;
        private float noiseStd = 0.01f;
        private float dropout = 0.2f;
        private boolean batchNorm;
        private double width = 1;
        private OutputHead head = OutputHead.EXAM;
        private WeightInit init = WeightInit.GLOROT;
        private String from;
        private FrozenLayers freeze;
        private long seed = 1;
        private int layerStatsEvery;

        private Builder() {}

        public Builder fraction(double share) {
            fraction = share;
            return this;
        }

        public Builder threads(int loaderThreads) {
            threads = loaderThreads;
            return this;
        }

        public Builder skipBad(boolean skip) {
            skipBad = skip;
            return this;
        }

        public Builder epochs(int maximum) {
            epochs = maximum;
            return this;
        }

        public Builder batch(int exams) {
            batch = exams;
            return this;
        }

        public Builder learningRate(float rate) {
            learningRate = rate;
            return this;
        }

        public Builder warmupSteps(int steps) {
            warmupSteps = steps;
            return this;
        }

        public Builder schedule(LearningRateSchedule.Decay decay) {
            schedule = decay;
            return this;
        }

        public Builder clipGradNorm(double maximum) {
            clipGradNorm = maximum;
            return this;
        }

        public Builder patience(int epochsWithoutRise) {
            patience = epochsWithoutRise;
            return this;
        }

        public Builder noiseStd(float std) {
            noiseStd = std;
            return this;
        }

        public Builder dropout(float rate) {
            dropout = rate;
            return this;
        }

        public Builder batchNorm(boolean normalise) {
            batchNorm = normalise;
            return this;
        }

        public Builder width(double multiplier) {
            width = multiplier;
            return this;
        }

        public Builder head(OutputHead kind) {
            head = kind;
            return this;
        }

        public Builder init(WeightInit drawn) {
            init = drawn;
            return this;
        }

        /** Fine-tune from the weights in {@code file} (null: draw them). */
        public Builder from(Path file) {
            return from(file == null ? null : file.toAbsolutePath().normalize().toString());
        }

        private Builder from(String absolutePath) {
            from = absolutePath;
            return this;
        }

        public Builder freeze(FrozenLayers layers) {
            freeze = layers;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder layerStatsEvery(int steps) {
            layerStatsEvery = steps;
            return this;
        }

        public TrainingOptions build() {
            return new TrainingOptions(new DataOptions(fraction, threads, skipBad),
                    new OptimisationOptions(epochs, batch, learningRate, warmupSteps, schedule, clipGradNorm, patience),
                    new RegularisationOptions(noiseStd, dropout, batchNorm), new InitialisationOptions(width, head, init, from, freeze),
                    new RunOptions(seed, layerStatsEvery));
        }
    }
}
