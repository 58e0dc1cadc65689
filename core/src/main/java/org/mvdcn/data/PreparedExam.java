package org.mvdcn.data;

import java.util.List;
import java.util.Map;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.CropWindow;

/**
 * An exam ready for the network: one crop set (training, validation) or several (test), each a
 * standardised, oriented crop per view, with where each crop came from.
 */
public record PreparedExam(ExamRecord exam, List<Map<View, float[]>> crops, List<Map<View, CropWindow>> windows) {}
