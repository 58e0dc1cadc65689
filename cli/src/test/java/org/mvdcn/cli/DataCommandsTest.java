package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.BicubicDownscale;

class DataCommandsTest {

    @TempDir
    Path dir;

    @Test
    void aDicomTreeBecomesAManifestWithLabelsJoinedByStudy() throws Exception {
        Path tree = dir.resolve("pacs-export");
        String[] studies = {"1.2.826.0.1.3680043.10.77.1", "1.2.826.0.1.3680043.10.77.2", "1.2.826.0.1.3680043.10.77.3"};
        for (int s = 0; s < studies.length; s++) {
            for (View v : View.values()) {
                Mammogram small = BicubicDownscale.apply(TestDicom.samplePng(v), 10);
                Path file = Files.createDirectories(tree.resolve("study" + s).resolve("series1")).resolve(v.name() + ".dcm");
                TestDicom.write(file, small, TestDicom.Spec.of(v).study(studies[s], "PAT" + s, "ACC" + s).instance(v.ordinal() + 1));
            }
        }
        TestDicom.write(tree.resolve("study0/cr.dcm"), BicubicDownscale.apply(TestDicom.samplePng(View.L_CC), 10),
                TestDicom.Spec.of(View.L_CC).modality("CR").study(studies[0], "PAT0", "ACC0").instance(9));
        Files.writeString(tree.resolve("study0/README.txt"), "not DICOM");
        Path labels = Files.writeString(dir.resolve("labels.csv"), "accession,label\nACC0,0\nACC1,2\n");
        Path manifest = dir.resolve("manifest.csv");
        CommandRunner r = CommandRunner.run("manifest", "from-dicom", tree.toString(), "--labels", labels.toString(), "--out",
                manifest.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("labels joined by accession").contains("rows kept 12, dropped 1")
                .contains("modality 'CR', not MG").contains("kept 3 patients, 3 exams, 12 images")
                .contains("labels BI-RADS 0/1/2 = 1/0/1, unlabelled 1");
        assertThat(Files.readAllLines(manifest)).hasSize(13).anyMatch(l -> l.startsWith("PAT1," + studies[1] + ",2017-03-01,L-CC,"
                + "pacs-export/study1/series1/L_CC.dcm,2017-03-01T10:15,2,"));

        Path badLabels = Files.writeString(dir.resolve("bad-labels.csv"), "study_uid,label\n" + studies[0] + ",4\n");
        CommandRunner bad = CommandRunner.run("manifest", "from-dicom", tree.toString(), "--labels", badLabels.toString(), "--out",
                dir.resolve("m2.csv").toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("bad-labels.csv").contains("row 2: label 4 is not a screening BI-RADS 0, 1 or 2");
        assertThat(dir.resolve("m2.csv")).doesNotExist();
    }

    @Test
    void fromDatasetNamesTheDatasetsItKnows() {
        CommandRunner r = CommandRunner.run("manifest", "from-dataset", "ddsm", "--root", dir.toString(), "--out",
                dir.resolve("m.csv").toString());
        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.err()).contains("unknown dataset 'ddsm' (expected embed, rsna, vindr, cbis-ddsm, inbreast)");
    }

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
    void synthTestPatientsAreDeclaredTestAndLeaveTheOthersSplitAsItWas() throws Exception {
        CommandRunner synth = CommandRunner.run("synth", "--out", dir.toString(), "--patients", "12", "--test-patients", "5",
                "--scale", "0.05", "--seed", "4");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.out()).contains("kept 17 patients").contains("5 test patients declared split=test");
        CommandRunner check = CommandRunner.run("manifest", "check", "--manifest", dir.resolve("manifest.csv").toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        // the 12 split as in synthThenCheck...; the 5 declared add one scored exam each
        assertThat(check.out()).containsPattern("train\\s+10 patients").containsPattern("val\\s+1 patients")
                .containsPattern("test\\s+6 patients,\\s+6 exams used");
    }

    @Test
    void aBrokenManifestIsRefusedWithEveryProblem() throws Exception {
        Path m = Files.writeString(dir.resolve("m.csv"), "patient_id,exam_id,exam_date,view,image_path,acquired_at,label,split\n"
                + "p1,e1,2016-02-30,L-CC,a.png,,1,\np1,e1,2016-02-01,X,b.png,,7,\n");
        CommandRunner r = CommandRunner.run("manifest", "check", "--manifest", m.toString());
        assertThat(r.exitCode()).isEqualTo(65);
        assertThat(r.err()).contains("row 2: bad exam_date '2016-02-30'").contains("row 3: unknown view 'X'")
                .contains("row 3: label '7'").contains("row 2: image not found: a.png");
    }
}
