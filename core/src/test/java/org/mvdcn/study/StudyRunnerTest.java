package org.mvdcn.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.synth.CohortGenerator;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.train.TrainingOptions;
import org.mvdcn.train.TrainingRun;

class StudyRunnerTest {

    @TempDir
    Path dir;

    @Test
    void settingsFollowThePapersTablesAndReportTheLayersThatRun() {
        TrainingOptions base = TrainingOptions.paper();
        List<StudySetting> size = Studies.dataSize(base, Preprocessing.paper());
        assertThat(size).extracting(s -> s.options().data().fraction()).containsExactly(0.1, 0.2, 0.5, 1.0);
        assertThat(size).extracting(StudySetting::paperMacAuc).containsExactly(0.538, 0.605, 0.659, 0.685);
        List<StudySetting> scale = Studies.resolution(base, Preprocessing.paper());
        assertThat(scale).extracting(StudySetting::label).containsExactly("1/8", "1/4", "1/2", "1");
        assertThat(scale).extracting(s -> s.preprocessing().cropHeight() + "x" + s.preprocessing().cropWidth() + "/"
                + s.preprocessing().downscale() + " shift " + s.preprocessing().maxShift())
                .containsExactly("325x250/8 shift 12", "650x500/4 shift 25", "1300x1000/2 shift 50", "2600x2000/1 shift 100");
        assertThat(scale).extracting(Studies::lastLayer).containsExactly("conv3c", "conv4b", "conv5b", "conv5c");
    }

    @Test
    void aStudyStoppedHalfWayReusesTheSettingsItFinished() throws Exception {
        Path manifest = CohortGenerator.generate(dir.resolve("cohort"), new CohortGenerator.Options(60, 0.05, 2, 0.1, 0.0), (d, total) -> { })
                .manifest();
        TrainingOptions base = TrainingOptions.builder().epochs(1).learningRate(1e-3f).width(0.25).seed(4).build();
        List<StudySetting> settings = Studies.dataSize(base, Preprocessing.of(1, 120, 90)).subList(2, 4); // 50% and 100%: quick
        Path study = dir.resolve("study");
        AtomicBoolean stop = new AtomicBoolean();
        List<String> log = new ArrayList<>();
        // stop as soon as the second setting starts training
        assertThatThrownBy(() -> StudyRunner.run(manifest, study, settings, 2, 50, Device.cpu(), p -> { }, line -> {
            log.add(line);
            if (line.startsWith("setting 100%")) {
                stop.set(true);
            }
        }, stop::get)).isInstanceOf(TrainingRun.Stopped.class);
        assertThat(study.resolve("fraction-100/run/checkpoint.json")).as("a stopped run leaves a checkpoint").isRegularFile();
        assertThat(study.resolve("fraction-50/evaluation.json")).isRegularFile();
        assertThat(study.resolve("fraction-100/evaluation.json")).doesNotExist();
        long before = Files.getLastModifiedTime(study.resolve("fraction-50/evaluation.json")).toMillis();

        stop.set(false);
        List<StudyRunner.Outcome> outcomes = StudyRunner.run(manifest, study, settings, 2, 50, Device.cpu(), p -> { }, l -> { }, stop::get);
        assertThat(outcomes).extracting(StudyRunner.Outcome::reused).containsExactly(true, false);
        assertThat(Files.getLastModifiedTime(study.resolve("fraction-50/evaluation.json")).toMillis()).isEqualTo(before);
        assertThat(StudyRunner.run(manifest, study, settings, 2, 50, Device.cpu(), p -> { }, l -> { }, stop::get))
                .extracting(StudyRunner.Outcome::reused).containsExactly(true, true);

        StudyTable.write(study, "Data size", outcomes, false, 200, null);
        String table = Files.readString(study.resolve("study.md"));
        assertThat(table).contains("|  | 50% | 100% |").contains("| 0 vs. others |").contains("| paper macAUC | 0.659 | 0.685 |");
        assertThat(table).contains("## Paired comparisons").containsPattern("\\| 100% vs\\. 50% \\| macAUC \\| recorded labels \\| -?\\d\\.\\d{3} \\| \\[");
        assertThat(Files.readAllLines(study.resolve("study.csv")).get(0)).isEqualTo("metric,50%,100%");
        assertThat(ImageIO.read(study.resolve("study.png").toFile()).getWidth()).isEqualTo(800);
    }
}
