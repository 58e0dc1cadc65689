package org.mvdcn.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.ExamDraw;
import org.mvdcn.data.ImageRecord;
import org.mvdcn.data.Split;
import org.mvdcn.exam.View;

/**
 * An exam as it travels to an executor: who, its split and label, the image chosen for each view,
 * and the generator its crops are drawn from. The choice is made here as evaluate's loader makes
 * it ({@link ViewSampler}, {@link Seeds#scoring}), and the generator goes on in the state the
 * choice left it, so the executor draws the crops evaluate draws.
 *
 * @param images one URI per view, in {@link View} order
 * @param generator the generator, serialised: each {@link #draws()} starts from the same state, so a retried task draws the same crops
 */
record ArchiveExam(String examId, String patientId, Split split, Integer label, List<URI> images, byte[] generator)
        implements Serializable {

    static ArchiveExam of(ExamRecord exam, Split split, long seed) {
        ExamDraw draw = ExamDraw.forScoring(seed);
        Map<View, ImageRecord> chosen = draw.pick(exam.images(), Split.TEST);
        List<URI> images = new ArrayList<>();
        for (View v : View.values()) {
            images.add(chosen.get(v).path().toUri());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(draw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArchiveExam(exam.examId(), exam.patientId(), split, exam.label(), List.copyOf(images), bytes.toByteArray());
    }

    URI image(View view) {
        return images.get(view.ordinal());
    }

    /** The crops' generator, as the image choice left it. */
    Random draws() {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(generator))) {
            return ((ExamDraw) in.readObject()).crops();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("an exam's generator could not be restored", e);
        }
    }
}
