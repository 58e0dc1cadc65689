package org.mvdcn.serve.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.mvdcn.exam.View;
import org.mvdcn.predict.Prediction;
import org.mvdcn.serve.jobs.StudyJob;
import org.mvdcn.serve.ResultFolder;

/** Studies as the API shows them (the schemas StudySummary and StudyDetail in openapi.json). */
final class StudyJson {

    private StudyJson() {}

    static ObjectNode summary(StudyJob job) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("studyInstanceUid", job.studyUid());
        o.put("received", time(job.firstReceived()));
        o.put("lastReceived", time(job.lastReceived()));
        o.put("accession", job.accession() == null ? "" : job.accession());
        o.put("status", job.state().label());
        o.put("images", job.images());
        if (job.probabilities() != null) {
            o.put("assessed", job.notAssessedBecause().isEmpty());
            ArrayNode because = o.putArray("notAssessedBecause");
            job.notAssessedBecause().forEach(because::add);
            ObjectNode p = o.putObject("probabilities");
            for (int k = 0; k < 3; k++) {
                p.put(Prediction.CLASS_NAMES[k], job.probabilities()[k]);
            }
            o.put("entropy", job.entropy());
            o.put("seconds", job.seconds());
            o.put("calibrated", job.temperature() != null);
            if (job.temperature() != null) {
                o.put("temperature", job.temperature());
            }
            if (job.ood() != null) {
                o.putObject("ood").put("distance", job.ood().distance()).put("threshold", job.ood().threshold())
                        .put("flag", job.ood().flag());
            }
        } else {
            o.putNull("probabilities");
            o.putNull("entropy");
            o.putNull("seconds");
        }
        o.put("finished", time(job.finished()));
        o.put("sent", job.sendState().label());
        o.put("sendAttempts", job.sendAttempts());
        if (job.sendError() != null) {
            o.put("sendError", job.sendError());
        }
        if (job.reason() != null) {
            o.put("reason", job.reason());
        }
        return o;
    }

    /** The summary plus the views' pictures, what reading the study set aside, and (when allowed) the patient. */
    static ObjectNode detail(StudyJob job, ResultFolder results, Path incoming, boolean showPatient) {
        ObjectNode o = summary(job);
        String base = "/api/studies/" + job.studyUid() + "/images/";
        ObjectNode views = o.putObject("views");
        Path previews = results.previews();
        for (View v : View.values()) {
            String plain = ResultFolder.previewName(v, false);
            String saliency = ResultFolder.previewName(v, true);
            ObjectNode view = views.putObject(v.label());
            if (Files.isRegularFile(previews.resolve(plain))) {
                view.put("image", base + plain);
                view.put("saliency", base + saliency);
            } else {
                view.putNull("image");
                view.putNull("saliency");
            }
        }
        ArrayNode notes = o.putArray("setAside");
        job.notes().forEach(notes::add);
        if (showPatient) {
            patient(o.putObject("patient"), incoming);
        }
        return o;
    }

    private static void patient(ObjectNode o, Path incoming) {
        o.put("name", "");
        o.put("id", "");
        try (var files = Files.list(incoming)) {
            List<Path> dicoms = files.filter(p -> p.toString().endsWith(".dcm")).sorted().limit(1).toList();
            if (!dicoms.isEmpty()) {
                AttributeList a = new AttributeList();
                a.read(dicoms.get(0).toString(), TagFromName.PixelData);
                o.put("name", Attribute.getSingleStringValueOrEmptyString(a, TagFromName.PatientName));
                o.put("id", Attribute.getSingleStringValueOrEmptyString(a, TagFromName.PatientID));
            }
        } catch (Exception e) {
            o.put("error", "cannot read the images' patient module: " + e.getMessage());
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
