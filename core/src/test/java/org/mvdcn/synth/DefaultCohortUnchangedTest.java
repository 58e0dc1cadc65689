package org.mvdcn.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cohorts made before the finding mix and reader noise existed regenerate byte for byte: the
 * committed studies name a seed and options, not files. The expected digests were computed with
 * the generator as it was before those options (commit 22d00c2); a change to the random draws, the
 * rendering or the file layout of a default cohort changes them.
 */
class DefaultCohortUnchangedTest {

    @TempDir
    Path dir;

    /** Seed 12: its 14 exams carry all four finding kinds, flipped labels and duplicated views. */
    @Test
    void aDefaultCohortsFilesAreThoseOfTheGeneratorBeforeTheNewOptions() throws Exception {
        CohortGenerator.generate(dir, new CohortGenerator.Options(5, 0.1, 12, 0.1, 0.3, 4, 3), (done, total) -> { });
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            sha.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(f));
        }
        assertThat(files).hasSizeGreaterThan(30);
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo("7c159c5b859be43736294c039279a3dd09e034c1b36e200d3bbbac0614724a2d");
    }

    /** Many patients, so that every finding kind, flip and duplicate draw of the default plan is covered. */
    @Test
    void aDefaultPlanIsThatOfTheGeneratorBeforeTheNewOptions() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (CohortGenerator.PlannedExam e : CohortGenerator.plan(new CohortGenerator.Options(400, 1, 7, 0.1, 0.08, 1, 50))) {
            StringBuilder s = new StringBuilder().append(e.examId()).append(e.date()).append(e.trueClass()).append(e.recordedLabel())
                    .append(e.findingSide()).append(e.height()).append(e.width()).append(e.start()).append(e.duplicatedView())
                    .append(e.left()).append(e.right()).append(e.renderSeed()).append(e.declaredSplit());
            for (Finding f : e.findings()) {
                s.append(f.kind()).append(f.u()).append(f.v());
                for (Finding.Blob b : f.blobs()) {
                    s.append(b.dy()).append(b.dx()).append(b.sigma()).append(b.amplitude()).append(b.length()).append(b.angle())
                            .append(b.sharpDisk());
                }
            }
            sha.update(s.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo("a6789c24745c4fed5a54e01b6b668e866419b09b3b6e66ddc366c665fbd953fc");
    }
}
