package org.mvdcn.serve.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.dicom.DicomExamFolder;
import org.mvdcn.dicom.DicomInstance;
import org.mvdcn.dicom.results.Algorithm;
import org.mvdcn.dicom.results.DicomFiles;
import org.mvdcn.dicom.results.MammographyCadSr;
import org.mvdcn.dicom.results.SaliencySecondaryCapture;
import org.mvdcn.exam.View;
import org.mvdcn.explain.SaliencyMaps;
import org.mvdcn.explain.SaliencyReport;
import org.mvdcn.io.AtomicFiles;
import org.mvdcn.predict.Prediction;
import org.mvdcn.predict.PredictionJson;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.Orientation;
import org.mvdcn.serve.ResultFolder;

/**
 * Computes one received study, its folder read by the rules of {@code predict --exam} (each file
 * once, {@link DicomExamFolder}): runs the network with the saliency pass (one forward and backward per crop gives both the prediction and
 * the maps), and writes the result folder, each file atomically: small pictures of the views with
 * and without their maps and the four-view panel ({@code previews/}), {@code prediction.json}, and
 * the two DICOM objects that go back to the PACS. (The full-resolution maps that {@code explain}
 * writes are left out: a node keeps what a reader looks at.)
 */
public final class StudyProcessor {

    private static final int PREVIEW_WIDTH = 600;

    /** What a study produced: the prediction, the views' files used, and the objects to send. */
    public record Result(Prediction prediction, Map<View, Path> images, List<Path> objects, List<String> notes) {}

    private final ExamApplication application;
    private final Algorithm algorithm;
    private final Clock clock;

    /** {@code crops} null: as predict chooses (1 when every view is exactly the crop size, else 10). */
    public StudyProcessor(TrainedModel model, Algorithm algorithm, Integer crops, long seed, Clock clock) {
        this.application = new ExamApplication(model, crops, seed);
        this.algorithm = algorithm;
        this.clock = clock;
    }

    /** Computes the study from its folder as read: the images are decoded, and the results refer to them, from that reading. */
    public Result process(DicomExamFolder study, ResultFolder results) throws IOException {
        ExamApplication.Result exam = application.explain(study.candidates());
        SaliencyMaps maps = exam.maps();
        Prediction p = exam.prediction();
        BufferedImage panel = writePreviews(maps, results.previews());
        ZonedDateTime now = ZonedDateTime.now(clock);
        Map<View, DicomInstance> used = study.instances(exam.images());
        Path sr = results.sr();
        DicomFiles.write(MammographyCadSr.build(used, p, algorithm, now), sr);
        Path sc = results.sc();
        DicomFiles.write(SaliencySecondaryCapture.build(panel, used, p, algorithm, now), sc);
        AtomicFiles.writeString(results.prediction(), json(p, exam.images(), study.candidates().source()));
        return new Result(p, exam.images(), List.of(sr, sc), exam.notes());
    }

    /**
     * The web page's pictures: each view alone and with its map, small, with its chest wall at the
     * left edge whatever the file's orientation (the page hangs them from that, mirroring the right
     * views); returns the full four-view panel.
     */
    private static BufferedImage writePreviews(SaliencyMaps maps, Path folder) throws IOException {
        Map<View, BufferedImage> overlays = SaliencyReport.small(maps, PREVIEW_WIDTH, true);
        Map<View, BufferedImage> views = SaliencyReport.small(maps, PREVIEW_WIDTH, false);
        for (View v : View.values()) {
            boolean mirror = Orientation.chestWallOnRight(maps.exam().view(v));
            SaliencyReport.writePng(chestWallLeft(views.get(v), mirror), folder.resolve(ResultFolder.previewName(v, false)));
            SaliencyReport.writePng(chestWallLeft(overlays.get(v), mirror), folder.resolve(ResultFolder.previewName(v, true)));
        }
        BufferedImage panel = SaliencyReport.panel(overlays, maps.prediction());
        SaliencyReport.writePng(panel, folder.resolve(SaliencyReport.PANEL));
        return panel;
    }

    private static BufferedImage chestWallLeft(BufferedImage picture, boolean mirror) {
        if (!mirror) {
            return picture;
        }
        BufferedImage out = new BufferedImage(picture.getWidth(), picture.getHeight(), picture.getType());
        java.awt.Graphics2D g = out.createGraphics();
        g.drawImage(picture, picture.getWidth(), 0, -picture.getWidth(), picture.getHeight(), null);
        g.dispose();
        return out;
    }

    private String json(Prediction p, Map<View, Path> images, Path studyFolder) throws IOException {
        ObjectNode root = PredictionJson.of(p).put("weights_sha256", algorithm.version());
        ObjectNode views = root.putObject("views");
        images.forEach((v, file) -> views.put(v.label(), studyFolder.relativize(file).toString()));
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
