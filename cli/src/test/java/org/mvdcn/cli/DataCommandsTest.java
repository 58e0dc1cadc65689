package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandsTest {

    @TempDir
    Path dir;

    @Test
    void synthThenCheckGivesTheSummaryAndTheSplit() throws Exception {
        CommandRunner synth = CommandRunner.run("synth", "--out", dir.toString(), "--patients", "12", "--scale", "0.05", "--seed", "4");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.out()).contains("kept 12 patients").contains("excluded 0 exams");
        Path split = dir.resolve("split.csv");
        CommandRunner check = CommandRunner.run("manifest", "check", "--manifest", dir.resolve("manifest.csv").toString(),
                "--split-out", split.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        // 12 patients: 10 train (round(9.6)), 1 validation, 1 test
        assertThat(check.out()).containsPattern("train\\s+10 patients").containsPattern("val\\s+1 patients")
                .containsPattern("test\\s+1 patients,\\s+1 exams used");
        assertThat(Files.readAllLines(split).get(0)).isEqualTo("exam_id,split,scored");
    }

    @Test
    void aBrokenManifestIsRefusedWithEveryProblem() throws Exception {
        Path m = Files.writeString(dir.resolve("m.csv"), "patient_id,exam_id,exam_date,view,image_path,acquired_at,label,split\n"
                + "p1,e1,2016-02-30,L-CC,a.png,,1,\np1,e1,2016-02-01,X,b.png,,7,\n");
        CommandRunner r = CommandRunner.run("manifest", "check", "--manifest", m.toString());
        assertThat(r.exitCode()).isEqualTo(MvdcnCommand.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("row 2: bad exam_date '2016-02-30'").contains("row 3: unknown view 'X'")
                .contains("row 3: label '7'").contains("row 2: image not found: a.png");
    }
}
